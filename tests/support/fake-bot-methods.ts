import { ChatState, markupOf, sameMarkup, type StoredMessage } from "./fake-chat-state.ts";
import {
  NOT_MODIFIED,
  QUERY_TOO_OLD,
  checkCallbackAnswer,
  checkCaption,
  checkCommands,
  checkMediaGroup,
  checkMessageText,
  checkReplyMarkup,
  checkUpload,
  isRefusal,
  parseJson,
  refusalFor,
  LIMITS,
  type FormattedText,
  type Refusal,
} from "./telegram-contract.ts";

export const OWNER_ID = 111_222_333;
export const BOT_USER = { id: 424242, is_bot: true, first_name: "Designflow", username: "designflow_test_bot" };

export type Upload = { name: string; bytes: Buffer };
export type Outcome = { result: unknown } | { refusal: Refusal };

interface CallbackQueryState {
  receivedAt: number;
  answered: boolean;
}

const refuse = (refusal: Refusal): Outcome => ({ refusal });
const now = () => Math.floor(Date.now() / 1000);
const sameEntities = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/**
 * The Bot API methods the bot uses, carried out on the fake's chats with Telegram's checks: a callback query
 * is answered once while fresh, edits need a live message of the bot of the right kind and a real change,
 * texts/captions/keyboards/albums/uploads within limits, replies to messages that exist.
 */
export class BotMethods {
  readonly chats = new ChatState();
  /** Telegram lets a callback query be answered only for a short while after the tap. */
  callbackQueryLifetimeMs = 15_000;
  private queries = new Map<string, CallbackQueryState>();
  private knownChats = new Set<number>([OWNER_ID]);
  /** file_id → bytes (when downloadable) and the size Telegram reports. */
  readonly files = new Map<string, { bytes?: Buffer; size?: number }>();
  private nextFile = 1;

  /** Learns what an update shows the bot: its chat, the user's message, a tapped query, the files in it. */
  observeUpdate(update: Record<string, any>): void {
    const message = update.message ?? update.edited_message ?? update.callback_query?.message;
    const chatId = message?.chat?.id ?? update.callback_query?.from?.id ?? update.my_chat_member?.chat?.id;
    if (chatId !== undefined) this.knownChats.add(Number(chatId));
    if (update.message) this.chats.recordIncoming(update.message);
    if (update.callback_query?.id)
      this.queries.set(String(update.callback_query.id), { receivedAt: Date.now(), answered: false });
    const incoming = update.message ?? update.edited_message;
    for (const file of [incoming?.document, incoming?.voice, incoming?.audio, ...(incoming?.photo ?? [])]) {
      if (file?.file_id && !this.files.has(file.file_id)) this.files.set(file.file_id, { size: file.file_size });
    }
  }

  knowChat(chatId: number): void {
    this.knownChats.add(chatId);
  }

  async call(method: string, payload: Record<string, any>, uploads: Record<string, Upload>): Promise<Outcome> {
    switch (method) {
      case "getMe":
        return {
          result: {
            ...BOT_USER,
            can_join_groups: false,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        };
      case "deleteWebhook":
        return { result: true };
      case "sendChatAction":
        return this.needChat(payload) ?? { result: true };
      case "setMyCommands":
        return this.orResult(checkCommands(payload), true);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(payload);
      case "sendMessage":
        return this.sendMessage(payload);
      case "sendPhoto":
      case "sendDocument":
        return this.sendMedia(method === "sendPhoto" ? "photo" : "document", payload, uploads);
      case "sendMediaGroup":
        return this.sendMediaGroup(payload, uploads);
      case "editMessageText":
        return this.editText(payload);
      case "editMessageCaption":
        return this.editCaption(payload);
      case "editMessageMedia":
        return this.editMedia(payload, uploads);
      case "editMessageReplyMarkup":
        return this.editMarkup(payload);
      case "deleteMessage":
        return this.deleteMessage(payload);
      case "deleteMessages":
        return this.deleteMessages(payload);
      case "getFile":
        return this.getFile(payload);
      default:
        return refuse({ error_code: 404, description: "Not Found: method not found" });
    }
  }

  private orResult(refusal: Refusal | null, result: unknown): Outcome {
    return refusal ? refuse(refusal) : { result };
  }

  private needChat(payload: Record<string, any>): Outcome | undefined {
    return this.knownChats.has(Number(payload.chat_id)) ? undefined : refuse(refusalFor.chatNotFound);
  }

  private answerCallbackQuery(payload: Record<string, any>): Outcome {
    const query = this.queries.get(String(payload.callback_query_id));
    if (!query || query.answered || Date.now() - query.receivedAt > this.callbackQueryLifetimeMs)
      return refuse(QUERY_TOO_OLD);
    const tooLong = checkCallbackAnswer(payload);
    if (tooLong) return refuse(tooLong);
    query.answered = true;
    return { result: true };
  }

  /** Chat known, keyboard valid, replied-to message present (unless allowed without it). */
  private checkSend(payload: Record<string, any>): Outcome | undefined {
    const noChat = this.needChat(payload);
    if (noChat) return noChat;
    const markup = checkReplyMarkup(payload.reply_markup);
    if (markup) return refuse(markup);
    const reply = parseJson(payload.reply_parameters ?? "null");
    const replyTo = reply?.message_id ?? payload.reply_to_message_id;
    const allowMissing = reply?.allow_sending_without_reply ?? payload.allow_sending_without_reply;
    if (
      replyTo !== undefined &&
      !allowMissing &&
      !this.chats.get(Number(reply?.chat_id ?? payload.chat_id), Number(replyTo))
    ) {
      return refuse(refusalFor.replyNotFound);
    }
    return undefined;
  }

  private newMessage(payload: Record<string, any>, fields: Partial<StoredMessage>): StoredMessage {
    const chatId = Number(payload.chat_id);
    return this.chats.put({
      chatId,
      messageId: this.chats.allocateId(chatId),
      fromBot: true,
      date: now(),
      kind: "text",
      deleted: false,
      touched: 0,
      replyMarkup: markupOf(payload.reply_markup),
      ...fields,
    });
  }

  private view(message: StoredMessage) {
    return this.chats.toTelegram(message, BOT_USER);
  }

  private sendMessage(payload: Record<string, any>): Outcome {
    const invalid = this.checkSend(payload);
    if (invalid) return invalid;
    const text = checkMessageText(payload);
    if (isRefusal(text)) return refuse(text);
    return { result: this.view(this.newMessage(payload, { kind: "text", text: text.text, entities: text.entities })) };
  }

  /** A file given by id must be one Telegram knows; an upload (attach:// or the field itself) is checked and gets a new id. */
  private async resolveFile(
    kind: string,
    value: unknown,
    upload: Upload | undefined,
  ): Promise<{ fileId: string; name?: string } | Refusal> {
    if (upload) {
      const refusal = await checkUpload(kind, upload.bytes);
      if (refusal) return refusal;
      const fileId = `uploaded-${upload.name}-${this.nextFile++}`;
      this.files.set(fileId, { bytes: upload.bytes, size: upload.bytes.length });
      return { fileId, name: upload.name };
    }
    if (typeof value !== "string" || !this.files.has(value))
      return { error_code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" };
    return { fileId: value };
  }

  private uploadFor(value: unknown, uploads: Record<string, Upload>, field: string): Upload | undefined {
    if (typeof value === "string" && value.startsWith("attach://")) return uploads[value.slice("attach://".length)];
    return uploads[field];
  }

  private async sendMedia(
    kind: "photo" | "document",
    payload: Record<string, any>,
    uploads: Record<string, Upload>,
  ): Promise<Outcome> {
    const invalid = this.checkSend(payload);
    if (invalid) return invalid;
    const caption = checkCaption(payload.caption, payload.parse_mode);
    if (isRefusal(caption)) return refuse(caption);
    const file = await this.resolveFile(kind, payload[kind], this.uploadFor(payload[kind], uploads, kind));
    if (isRefusal(file)) return refuse(file);
    const message = this.newMessage(payload, {
      kind,
      fileId: file.fileId,
      fileName: file.name,
      caption: caption.text,
      captionEntities: caption.entities,
    });
    return { result: this.view(message) };
  }

  private async sendMediaGroup(payload: Record<string, any>, uploads: Record<string, Upload>): Promise<Outcome> {
    const invalid =
      this.checkSend(payload) ?? (checkMediaGroup(payload.media) ? refuse(checkMediaGroup(payload.media)!) : undefined);
    if (invalid) return invalid;
    const items = parseJson(payload.media) as any[];
    const files: { fileId: string; name?: string }[] = [];
    for (const item of items) {
      const file = await this.resolveFile(item.type, item.media, this.uploadFor(item.media, uploads, ""));
      if (isRefusal(file)) return refuse(file);
      files.push(file);
    }
    const group = `album-${this.nextFile++}`;
    const sent = items.map((item, index) => {
      const caption = checkCaption(item.caption, item.parse_mode) as FormattedText;
      const fields = {
        kind: item.type === "document" ? "document" : "photo",
        fileId: files[index].fileId,
        caption: caption.text,
      } as const;
      return this.view(
        this.newMessage({ chat_id: payload.chat_id }, { ...fields, fileName: files[index].name, mediaGroupId: group }),
      );
    });
    return { result: sent };
  }

  /** The message an edit targets, or why it cannot be edited. */
  private target(payload: Record<string, any>, forDelete = false): StoredMessage | Refusal {
    if (payload.inline_message_id !== undefined)
      return { error_code: 400, description: "Bad Request: MESSAGE_ID_INVALID" };
    const noChat = this.needChat(payload);
    if (noChat) return (noChat as { refusal: Refusal }).refusal;
    const message = this.chats.get(Number(payload.chat_id), Number(payload.message_id));
    if (!message) return forDelete ? refusalFor.deleteNotFound : refusalFor.editNotFound;
    if (!forDelete && !message.fromBot) return refusalFor.cantEdit;
    return message;
  }

  private editText(payload: Record<string, any>): Outcome {
    const message = this.target(payload);
    if (isRefusal(message)) return refuse(message);
    if (message.kind !== "text") return refuse(refusalFor.noText);
    const markup = checkReplyMarkup(payload.reply_markup);
    if (markup) return refuse(markup);
    const text = checkMessageText(payload);
    if (isRefusal(text)) return refuse(text);
    const unchanged =
      text.text === message.text &&
      sameEntities(text.entities, message.entities) &&
      sameMarkup(payload.reply_markup, message.replyMarkup);
    if (unchanged) return refuse(NOT_MODIFIED);
    Object.assign(message, { text: text.text, entities: text.entities, replyMarkup: markupOf(payload.reply_markup) });
    this.chats.touch(message);
    return { result: { ...this.view(message), edit_date: now() } };
  }

  private editCaption(payload: Record<string, any>): Outcome {
    const message = this.target(payload);
    if (isRefusal(message)) return refuse(message);
    if (message.kind === "text") return refuse(refusalFor.noCaption);
    const markup = checkReplyMarkup(payload.reply_markup);
    if (markup) return refuse(markup);
    const caption = checkCaption(payload.caption, payload.parse_mode);
    if (isRefusal(caption)) return refuse(caption);
    const unchanged =
      caption.text === (message.caption ?? "") &&
      sameEntities(caption.entities, message.captionEntities) &&
      sameMarkup(payload.reply_markup, message.replyMarkup);
    if (unchanged) return refuse(NOT_MODIFIED);
    Object.assign(message, {
      caption: caption.text,
      captionEntities: caption.entities,
      replyMarkup: markupOf(payload.reply_markup),
    });
    this.chats.touch(message);
    return { result: { ...this.view(message), edit_date: now() } };
  }

  private async editMedia(payload: Record<string, any>, uploads: Record<string, Upload>): Promise<Outcome> {
    const message = this.target(payload);
    if (isRefusal(message)) return refuse(message);
    if (message.kind !== "photo" && message.kind !== "document") return refuse(refusalFor.noMedia);
    const markup = checkReplyMarkup(payload.reply_markup);
    if (markup) return refuse(markup);
    const media = parseJson(payload.media);
    if (media?.type !== "photo" && media?.type !== "document")
      return refuse({
        error_code: 400,
        description: "Bad Request: can't parse InputMedia: unsupported media type specified",
      });
    if (message.mediaGroupId && media.type !== message.kind)
      return refuse({ error_code: 400, description: "Bad Request: can't change media type in the album" });
    const caption = checkCaption(media.caption, media.parse_mode);
    if (isRefusal(caption)) return refuse(caption);
    const file = await this.resolveFile(media.type, media.media, this.uploadFor(media.media, uploads, ""));
    if (isRefusal(file)) return refuse(file);
    const unchanged =
      file.fileId === message.fileId &&
      media.type === message.kind &&
      caption.text === (message.caption ?? "") &&
      sameMarkup(payload.reply_markup, message.replyMarkup);
    if (unchanged) return refuse(NOT_MODIFIED);
    Object.assign(message, {
      kind: media.type,
      fileId: file.fileId,
      fileName: file.name,
      caption: caption.text,
      captionEntities: caption.entities,
      replyMarkup: markupOf(payload.reply_markup),
    });
    this.chats.touch(message);
    return { result: { ...this.view(message), edit_date: now() } };
  }

  private editMarkup(payload: Record<string, any>): Outcome {
    const message = this.target(payload);
    if (isRefusal(message)) return refuse(message);
    const markup = checkReplyMarkup(payload.reply_markup);
    if (markup) return refuse(markup);
    if (sameMarkup(payload.reply_markup, message.replyMarkup)) return refuse(NOT_MODIFIED);
    message.replyMarkup = markupOf(payload.reply_markup);
    this.chats.touch(message);
    return { result: { ...this.view(message), edit_date: now() } };
  }

  private deleteMessage(payload: Record<string, any>): Outcome {
    const message = this.target(payload, true);
    if (isRefusal(message)) return refuse(message);
    message.deleted = true;
    return { result: true };
  }

  /** Messages that cannot be found are skipped (the method's documented behaviour); 1–100 ids. */
  private deleteMessages(payload: Record<string, any>): Outcome {
    const noChat = this.needChat(payload);
    if (noChat) return noChat;
    const ids = parseJson(payload.message_ids) as number[];
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100)
      return refuse({ error_code: 400, description: "Bad Request: message_ids must be non-empty" });
    for (const id of ids) {
      const message = this.chats.get(Number(payload.chat_id), Number(id));
      if (message) message.deleted = true;
    }
    return { result: true };
  }

  private getFile(payload: Record<string, any>): Outcome {
    const file = this.files.get(String(payload.file_id));
    if (!file) return refuse(refusalFor.wrongFileId);
    const size = file.size ?? file.bytes?.length;
    if (size !== undefined && size > LIMITS.downloadBytes) return refuse(refusalFor.fileTooBig);
    return {
      result: {
        file_id: payload.file_id,
        file_unique_id: `u-${payload.file_id}`,
        file_size: size,
        file_path: `files/${payload.file_id}`,
      },
    };
  }
}
