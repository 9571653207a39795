import { GrammyError, type InlineKeyboard } from "grammy";
import type { Context as BaseContext } from "grammy";

/**
 * Shows a text screen: edits the message a button was tapped on when possible
 * (edit-in-place), otherwise sends a new message. A photo message cannot turn
 * into a text message, so it is replaced.
 */
export async function showScreen(ctx: BaseContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const options = { parse_mode: "HTML" as const, reply_markup: keyboard, link_preview_options: { is_disabled: true } };
  const message = ctx.callbackQuery?.message;
  if (message && "text" in message && message.text !== undefined) {
    try {
      await ctx.editMessageText(text, options);
      return;
    } catch (error) {
      if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  } else if (message) {
    await ctx.deleteMessage().catch(() => undefined);
  }
  await ctx.reply(text, options);
}
