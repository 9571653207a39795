import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import { DEFAULT_LOCALE, LOCALES } from "../domain/locale.ts";

export const COMMANDS = [
  "start",
  "help",
  "cancel",
  "new",
  "ideas",
  "active",
  "archive",
  "due",
  "calendar",
  "templates",
  "generate",
  "find",
  "settings",
  "sync",
  "export",
] as const;

/** The command menu in one language (`t` of that locale). */
export const commandList = (t: (key: string) => string) =>
  COMMANDS.map((command) => ({ command, description: t(`menu-cmd-${command}`) }));

/**
 * Registers the command menu: the default list in Russian, one per Telegram app language, and, for each owner
 * who chose an interface language in /settings, that language in their chat (a chat's menu wins over the app
 * language, so the menu speaks the language the bot speaks).
 */
export async function publishCommands(
  api: Api,
  i18n: I18n<BaseContext>,
  chosen: { chatId: number; locale: string }[] = [],
): Promise<void> {
  const list = (locale: string) => commandList((key) => i18n.t(locale, key));
  await api.setMyCommands(list(DEFAULT_LOCALE));
  for (const locale of LOCALES) await api.setMyCommands(list(locale), { language_code: locale });
  for (const { chatId, locale } of chosen)
    await api.setMyCommands(list(locale), { scope: { type: "chat", chat_id: chatId } });
}
