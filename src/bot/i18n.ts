import { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import type { SettingsRepository } from "../db/settings-repository.ts";
import { commonTexts } from "./features/common/texts.ts";
import { menuTexts } from "./features/menu/texts.ts";
import { settingsTexts } from "./features/settings/texts.ts";
import { projectTexts } from "./features/projects/texts.ts";
import { syncTexts } from "./features/sync/texts.ts";
import { templateTexts } from "./features/templates/texts.ts";
import { aiTexts } from "./features/ai/texts.ts";
import { notionPullTexts } from "./features/notion-pull/texts.ts";
import { findTexts } from "./features/find/texts.ts";
import { attachTexts } from "./features/attach/texts.ts";
import { exportTexts } from "./features/export/texts.ts";
import { reminderTexts } from "./features/reminders/texts.ts";
import { generatorTexts } from "./features/generator/texts.ts";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "../domain/locale.ts";

/** The one translator type: `ctx.t` inside updates, `i18n.t` bound to an owner's locale in jobs and workers. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

type Texts = Record<Locale, string>;
const ALL_TEXTS: Texts[] = [
  commonTexts,
  menuTexts,
  settingsTexts,
  projectTexts,
  syncTexts,
  templateTexts,
  aiTexts,
  notionPullTexts,
  findTexts,
  attachTexts,
  exportTexts,
  reminderTexts,
  generatorTexts,
];

export const localeKey = (userId: number) => `locale:${userId}`;

export function createI18n(settings: SettingsRepository, extraTexts: Texts[] = []): I18n<BaseContext> {
  const i18n = new I18n<BaseContext>({
    defaultLocale: DEFAULT_LOCALE,
    // Fluent would wrap every placeable in Unicode isolation marks, which end up inside HTML and copied text.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      try {
        const stored = ctx.from ? await settings.get(localeKey(ctx.from.id)) : undefined;
        return isLocale(stored) ? stored : DEFAULT_LOCALE;
      } catch {
        return DEFAULT_LOCALE; // the database being down must not silence the error message itself
      }
    },
  });
  for (const locale of LOCALES) {
    const source = [...ALL_TEXTS, ...extraTexts].map((texts) => texts[locale]).join("\n");
    i18n.loadLocaleSync(locale, { source });
  }
  return i18n;
}
