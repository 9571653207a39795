import type { ParsedEntity } from "./telegram-html.ts";

/** A message as the fake Bot API keeps it: what Telegram would show now. */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  date: number;
  kind: "text" | "photo" | "document" | "other";
  text?: string;
  entities?: ParsedEntity[];
  caption?: string;
  captionEntities?: ParsedEntity[];
  fileId?: string;
  fileName?: string;
  /** Parsed inline keyboard (`undefined` when the message has none). */
  replyMarkup?: { inline_keyboard: any[][] };
  /** Part of an album (media group): its media cannot change type. */
  mediaGroupId?: string;
  deleted: boolean;
  /** Bumped on every send and edit: the newest message showing a button is the one a user taps. */
  touched: number;
}

const key = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Normalises a keyboard for comparison (Telegram compares content, not JSON spelling). */
export function markupOf(raw: unknown): { inline_keyboard: any[][] } | undefined {
  const markup = typeof raw === "string" ? (raw ? JSON.parse(raw) : undefined) : raw;
  if (!markup?.inline_keyboard || markup.inline_keyboard.length === 0) return undefined;
  const rows = markup.inline_keyboard.map((row: any[]) =>
    row.map((button) => Object.fromEntries(Object.entries(button).filter(([, value]) => value !== undefined))),
  );
  return { inline_keyboard: rows };
}

export const sameMarkup = (a: unknown, b: unknown) => JSON.stringify(markupOf(a)) === JSON.stringify(markupOf(b));

/** The chats the fake serves: every message the bot sent or the user wrote, its current content and keyboard. */
export class ChatState {
  private messages = new Map<string, StoredMessage>();
  private nextId = new Map<number, number>();
  private maxId = new Map<number, number>();
  private tick = 0;

  /** Messages the user wrote (pushed updates): they can be replied to and deleted, not edited. */
  recordIncoming(message: any): void {
    if (!message?.chat?.id || !message.message_id) return;
    const kind =
      message.text !== undefined ? "text" : message.photo ? "photo" : message.document ? "document" : "other";
    this.put({
      chatId: Number(message.chat.id),
      messageId: Number(message.message_id),
      fromBot: false,
      date: message.date ?? 0,
      kind,
      text: message.text,
      caption: message.caption,
      deleted: false,
      touched: 0,
    });
  }

  /** A new message id in a chat: after every id seen there (Telegram numbers a private chat's messages in one row). */
  allocateId(chatId: number): number {
    const id = Math.max(this.nextId.get(chatId) ?? 1_000_000, (this.maxId.get(chatId) ?? 0) + 1);
    this.nextId.set(chatId, id + 1);
    return id;
  }

  put(message: StoredMessage): StoredMessage {
    message.touched = ++this.tick;
    this.maxId.set(message.chatId, Math.max(this.maxId.get(message.chatId) ?? 0, message.messageId));
    this.messages.set(key(message.chatId, message.messageId), message);
    return message;
  }

  get(chatId: number, messageId: number): StoredMessage | undefined {
    const message = this.messages.get(key(chatId, messageId));
    return message && !message.deleted ? message : undefined;
  }

  touch(message: StoredMessage): void {
    message.touched = ++this.tick;
  }

  /** The newest live message whose current keyboard has a button with this callback data. */
  withButton(data: string, chatId?: number): StoredMessage | undefined {
    let best: StoredMessage | undefined;
    for (const message of this.messages.values()) {
      if (message.deleted || (chatId !== undefined && message.chatId !== chatId)) continue;
      const buttons = (message.replyMarkup?.inline_keyboard ?? []).flat();
      if (!buttons.some((b) => b.callback_data === data)) continue;
      if (!best || message.touched > best.touched) best = message;
    }
    return best;
  }

  /** The oldest live message the bot sent in a chat (an "old card" further up the chat). */
  oldest(chatId: number): StoredMessage | undefined {
    let best: StoredMessage | undefined;
    for (const message of this.messages.values()) {
      if (message.deleted || !message.fromBot || message.chatId !== chatId || message.kind !== "text") continue;
      if (!best || message.messageId < best.messageId) best = message;
    }
    return best;
  }

  /** Callback data of every live button (for failure messages). */
  liveButtons(): string[] {
    return [...this.messages.values()]
      .filter((m) => !m.deleted)
      .flatMap((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? b.url ?? "?"));
  }

  /** The Message object Telegram would put into an update (e.g. a callback query's `message`). */
  toTelegram(message: StoredMessage, bot: Record<string, unknown>): Record<string, any> {
    const chat = { id: message.chatId, type: "private", first_name: "Owner" };
    const out: Record<string, any> = { message_id: message.messageId, date: message.date, chat };
    if (message.fromBot) out.from = bot;
    if (message.kind === "text") {
      out.text = message.text;
      if (message.entities?.length) out.entities = message.entities;
    }
    if (message.kind === "photo")
      out.photo = [{ file_id: message.fileId, file_unique_id: `u-${message.fileId}`, width: 1280, height: 960 }];
    if (message.kind === "document")
      out.document = { file_id: message.fileId, file_unique_id: `u-${message.fileId}`, file_name: message.fileName };
    if (message.kind !== "text" && message.caption) {
      out.caption = message.caption;
      if (message.captionEntities?.length) out.caption_entities = message.captionEntities;
    }
    if (message.mediaGroupId) out.media_group_id = message.mediaGroupId;
    if (message.replyMarkup) out.reply_markup = message.replyMarkup;
    return out;
  }
}
