import type { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { htmlToPlainText } from "./html.ts";

type Button = Record<string, unknown>;

function buttonsOf(markup: { inline_keyboard: readonly (readonly Button[])[] } | undefined): string {
  const rows = (markup?.inline_keyboard ?? []).map((row) =>
    row.map((button) => [button.text, button.callback_data, button.url]),
  );
  return JSON.stringify(rows.filter((row) => row.length > 0));
}

/**
 * Telegram refuses an edit that changes nothing ("message is not modified"), so a screen that would look the
 * same is not sent at all. Compares what the owner sees: the text (or caption) and the buttons.
 */
export function looksTheSame(
  message: Message,
  html: string,
  keyboard: InlineKeyboard | undefined,
  fileId?: string,
): boolean {
  const shown = message.text ?? message.caption ?? "";
  if (shown.trim() !== htmlToPlainText(html)) return false;
  if (buttonsOf(message.reply_markup as never) !== buttonsOf(keyboard as never)) return false;
  if (fileId === undefined) return true;
  const current = message.photo?.at(-1)?.file_id ?? message.document?.file_id;
  return current === fileId;
}
