import type { Context as BaseContext } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { TextLanguage } from "../services/gemini/prompts.ts";

/** Setting key: "en" when the owner wants Gemini's texts in English (the original's choice); else the interface's. */
export const TEXTS_LANGUAGE_KEY = "texts:lang";

/** The language Gemini writes card and post texts in: the interface language unless the owner chose English. */
export async function textLanguage(settings: SettingsRepository, ctx: BaseContext & I18nFlavor): Promise<TextLanguage> {
  if ((await settings.get(TEXTS_LANGUAGE_KEY)) === "en") return "en";
  return (await ctx.i18n.getLocale()) === "en" ? "en" : "ru";
}
