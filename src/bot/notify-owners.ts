import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import type { Logger } from "../logger.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import { DEFAULT_LOCALE, isLocale, localeKey } from "./i18n.ts";
import { escapeHtml } from "./html.ts";

/** Sends a message (built per owner's language) to every owner; failures are logged, never thrown. */
export function ownerNotifier(deps: { api: Api; i18n: I18n<BaseContext>; settings: SettingsRepository; ownerIds: number[]; logger: Logger }) {
  return async (key: string, variables: Record<string, string | number> = {}): Promise<void> => {
    const safe = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === "string" ? escapeHtml(v) : v]));
    for (const ownerId of deps.ownerIds) {
      try {
        const stored = await deps.settings.get(localeKey(ownerId)).catch(() => undefined);
        const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
        await deps.api.sendMessage(ownerId, deps.i18n.t(locale, key, safe), { parse_mode: "HTML" });
      } catch (error) {
        deps.logger.warn({ err: error, key }, "could not notify the owner");
      }
    }
  };
}
