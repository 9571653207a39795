import { GrammyError, type InlineKeyboard } from "grammy";
import type { Context as BaseContext } from "grammy";
import { looksTheSame } from "./message-content.ts";

/** Where a screen ended up: the chat and message showing it, and whether it is a photo/document message. */
export interface PlacedScreen {
  chatId: number;
  messageId: number;
  media: boolean;
}

const placedOf = (
  chatId: number | undefined,
  messageId: number | undefined,
  media: boolean,
): PlacedScreen | undefined =>
  chatId !== undefined && messageId !== undefined ? { chatId, messageId, media } : undefined;

/**
 * Shows a text screen: edits the message a button was tapped on when possible
 * (edit-in-place), otherwise sends a new message. A photo message cannot turn
 * into a text message, so it is replaced.
 */
export async function showScreen(ctx: BaseContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await placeScreen(ctx, text, keyboard);
}

/** showScreen, telling where the screen ended up. */
export async function placeScreen(
  ctx: BaseContext,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<PlacedScreen | undefined> {
  const options = { reply_markup: keyboard, link_preview_options: { is_disabled: true } };
  const message = ctx.callbackQuery?.message;
  if (message && "text" in message && message.text !== undefined) {
    const here = placedOf(message.chat.id, message.message_id, false);
    if (looksTheSame(message, text, keyboard)) return here;
    try {
      await ctx.editMessageText(text, options);
      return here;
    } catch (error) {
      // The message went away meanwhile (deleted, too old to edit): the screen is sent anew below.
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  } else if (message) {
    await ctx.deleteMessage().catch(() => undefined);
  }
  const sent = await ctx.reply(text, options);
  return placedOf(sent.chat.id, sent.message_id, false);
}

/** A photo (or an image sent as a file, shown as a document) by its Telegram file id. */
export interface ScreenMedia {
  fileId: string;
  asDocument?: boolean;
}

/**
 * Shows a photo screen: swaps the media and caption of the tapped message in
 * place when it already shows a photo or document (editMessageMedia), otherwise
 * replaces the message (a text message cannot become a photo).
 */
export async function showMediaScreen(
  ctx: BaseContext,
  media: ScreenMedia,
  caption: string,
  keyboard?: InlineKeyboard,
): Promise<void> {
  await placeMediaScreen(ctx, media, caption, keyboard);
}

/** showMediaScreen, telling where the screen ended up. */
export async function placeMediaScreen(
  ctx: BaseContext,
  media: ScreenMedia,
  caption: string,
  keyboard?: InlineKeyboard,
): Promise<PlacedScreen | undefined> {
  const type = media.asDocument ? "document" : "photo";
  const message = ctx.callbackQuery?.message;
  if (message && ("photo" in message || "document" in message) && (message.photo || message.document)) {
    const here = placedOf(message.chat.id, message.message_id, true);
    const sameKind = media.asDocument ? Boolean(message.document) : Boolean(message.photo);
    if (sameKind && looksTheSame(message, caption, keyboard, media.fileId)) return here;
    try {
      await ctx.editMessageMedia({ type, media: media.fileId, caption }, { reply_markup: keyboard });
      return here;
    } catch (error) {
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  }
  if (message) await ctx.deleteMessage().catch(() => undefined);
  const options = { caption, reply_markup: keyboard };
  const sent = media.asDocument
    ? await ctx.replyWithDocument(media.fileId, options)
    : await ctx.replyWithPhoto(media.fileId, options);
  return placedOf(sent.chat.id, sent.message_id, true);
}
