import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import { DEFAULT_LOCALE, LOCALES } from "./i18n.ts";

export const COMMANDS = ["start", "help", "cancel", "new", "ideas", "active", "archive", "templates", "generate", "find", "settings", "sync", "export"] as const;

/** Registers the command menu: the default list in Russian plus one per interface language. */
export async function publishCommands(api: Api, i18n: I18n<BaseContext>): Promise<void> {
  const list = (locale: string) => COMMANDS.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
  await api.setMyCommands(list(DEFAULT_LOCALE));
  for (const locale of LOCALES) await api.setMyCommands(list(locale), { language_code: locale });
}
