import { FakeBotApi, OWNER_ID, type RecordedCall } from "./fake-bot-api.ts";
import { Buttons } from "../../src/bot/buttons.ts";
import type { CallbackCodec } from "../../src/bot/callback-codec.ts";

const user = (id: number) => ({
  id,
  is_bot: false,
  first_name: id === OWNER_ID ? "Owner" : "Stranger",
  language_code: "ru",
});
const privateChat = (id: number) => ({ id, type: "private", first_name: "Owner" });

let messageIds = 1;

/**
 * The one factory of messages a user sends in their private chat, as Telegram delivers them: a fresh id, now,
 * the chat and the sender, and `content` (text, photo, document, reply_to_message…). Every test builds updates
 * with it or the helpers below.
 */
export function userMessage(content: Record<string, unknown>, from = OWNER_ID) {
  return {
    message: {
      message_id: messageIds++,
      date: Math.floor(Date.now() / 1000),
      chat: privateChat(from),
      from: user(from),
      ...content,
    },
  };
}

/** Builds updates the way Telegram would send them from a user's private chat. */
export function textMessage(text: string, from = OWNER_ID) {
  const entities = text.startsWith("/")
    ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0].length }]
    : undefined;
  return userMessage({ text, entities }, from);
}

/** One photo of an album (`group`): a 90 px thumbnail, then `fileId` at `width`×`height`. */
export function albumPhoto(fileId: string, group: string, [width, height] = [1280, 960]) {
  return userMessage({
    media_group_id: group,
    photo: [
      { file_id: `${fileId}-s`, file_unique_id: `s-${fileId}`, width: 90, height: 68 },
      { file_id: fileId, file_unique_id: `u-${fileId}`, width, height },
    ],
  });
}

/** A photo (a 90 px thumbnail, then `fileId` at `size`, 1280×960 by default) or, with asDocument, an image file. */
export function photoMessage(
  fileId: string,
  options: { asDocument?: boolean; caption?: string; size?: [number, number] } = {},
) {
  const [width, height] = options.size ?? [1280, 960];
  const media = options.asDocument
    ? { document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: "ref.png", mime_type: "image/png" } }
    : {
        photo: [
          { file_id: `${fileId}-small`, file_unique_id: "s", width: 90, height: 90 },
          { file_id: fileId, file_unique_id: `u-${fileId}`, width, height },
        ],
      };
  return userMessage({ caption: options.caption, ...media });
}

/** A file the owner sends as a document (a template's HTML or ZIP), as Telegram sends it. */
export function documentMessage(fileId: string, fileName: string, size: number, mime?: string) {
  return userMessage({
    document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: mime, file_size: size },
  });
}

export function stickerMessage() {
  const sticker = { file_id: "st", file_unique_id: "st", type: "regular", width: 512, height: 512 };
  return userMessage({ date: 1, sticker: { ...sticker, is_animated: false, is_video: false } });
}

/** A voice note (or audio file) from the owner, as Telegram sends it. */
export function voiceMessage(fileId: string, options: { audio?: boolean } = {}) {
  return userMessage(
    options.audio
      ? { audio: { file_id: fileId, file_unique_id: `u-${fileId}`, duration: 3, mime_type: "audio/mpeg" } }
      : { voice: { file_id: fileId, file_unique_id: `u-${fileId}`, duration: 3, mime_type: "audio/ogg" } },
  );
}

export function callback(data: string, message: Record<string, any>, from = OWNER_ID) {
  return {
    callback_query: { id: `cb${messageIds++}`, from: user(from), chat_instance: "ci", data, message },
  };
}

/** Drives the bot as the owner: sends messages, taps buttons, waits for answers. */
export class OwnerChat {
  readonly api: FakeBotApi;
  constructor(api: FakeBotApi) {
    this.api = api;
  }

  /** Resolves when the bot has confirmed (finished handling) every update pushed so far. */
  async settle(timeoutMs = 10_000): Promise<void> {
    if (this.api.lastUpdateId() === 0) return;
    const target = this.api.lastUpdateId() + 1;
    const deadline = Date.now() + timeoutMs;
    while (this.api.confirmedOffset < target) {
      if (Date.now() > deadline)
        throw new Error(`updates not confirmed: offset ${this.api.confirmedOffset} < ${target}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Pushes an update, waits until the bot has finished handling it (confirmed
   * offset), and resolves with the first visible output it produced.
   */
  async push(
    update: Record<string, unknown>,
    match: (call: RecordedCall) => boolean = isChatOutput,
  ): Promise<RecordedCall> {
    await this.settle();
    const since = this.api.calls.length;
    this.api.push(update);
    const found = await this.api.waitForCall(match, { since });
    await this.settle();
    return found;
  }

  /** Every call the bot made while handling the last pushed update. */
  outputsSince(since: number): RecordedCall[] {
    return this.api.calls.slice(since).filter(isChatOutput);
  }

  /** Sends text and resolves with the bot's first message-producing call after it. */
  send(text: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    return this.push(textMessage(text), match);
  }

  /**
   * The newest live message whose keyboard shows this callback data, as Telegram would send it with a tap;
   * else the newest live message that showed it earlier (an older copy of that screen up the chat), as it is now.
   */
  messageWithButton(data: string): Record<string, any> {
    const message = this.api.messageWithButton(data);
    if (message) return message;
    try {
      return this.messageThatShowed(data);
    } catch {
      throw new Error(`no message with a button "${data}"; buttons seen: ${this.api.liveButtons().join(", ")}`);
    }
  }

  /**
   * The newest message that ever showed this button, as it is now (its keyboard may have changed since): an
   * older copy of a screen further up the chat, e.g. an earlier reminder about the same project.
   */
  messageThatShowed(data: string): Record<string, any> {
    for (let i = this.api.calls.length - 1; i >= 0; i--) {
      const call = this.api.calls[i];
      if (!isChatOutput(call) || !buttonsOf(call).some((b) => b.data === data)) continue;
      const id = Number(call.payload.message_id ?? call.result?.message_id);
      const message = this.api.message(OWNER_ID, id);
      if (message) return message;
    }
    throw new Error(`no live message ever showed a button "${data}"`);
  }

  /** Taps a button that an older message still shows (see messageThatShowed). */
  tapOld(data: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    return this.push(callback(data, this.messageThatShowed(data)), match);
  }

  /**
   * The full data of the button that is `data` or carries an argument after it (`gen:ok:<job>`), on the newest message
   * the bot sent or edited with it: a job's buttons name the job, and a test taps the newest screen's.
   */
  shownButton(data: string): string {
    for (let i = this.api.calls.length - 1; i >= 0; i--) {
      const call = this.api.calls[i];
      if (!isChatOutput(call)) continue;
      const button = buttonsOf(call).find((b) => b.data === data || b.data?.startsWith(`${data}:`));
      if (button?.data) return button.data;
    }
    return data;
  }

  /** Taps the newest button that is `data` or carries an argument after it (a preview's `gen:ok:<job>`). */
  tapAny(data: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    return this.tap(this.shownButton(data), match);
  }

  /** Taps a button (by callback data) on the newest message showing it; resolves with the next visible output. */
  async tap(data: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    await this.answeredButton(data);
    return this.push(callback(data, await this.shownMessageWithButton(data)), match);
  }

  /**
   * Waits until Telegram has answered the newest call that shows this button: a job may have just sent it (the
   * call is recorded, the message not yet stored), and an older copy up the chat must not be tapped instead.
   */
  private async answeredButton(data: string, timeoutMs = 10_000): Promise<void> {
    const newest = this.api.calls.findLast(
      (call) => isChatOutput(call) && buttonsOf(call).some((b) => b.data === data),
    );
    const deadline = Date.now() + timeoutMs;
    while (newest && newest.result === undefined && newest.refused === undefined && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** messageWithButton, waiting up to `timeoutMs` for it: a job's message may still be on its way to the chat. */
  async shownMessageWithButton(data: string, timeoutMs = 10_000): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return this.messageWithButton(data);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }
}

export function isChatOutput(call: RecordedCall): boolean {
  return [
    "sendMessage",
    "editMessageText",
    "sendPhoto",
    "sendDocument",
    "editMessageCaption",
    "editMessageMedia",
    "sendMediaGroup",
  ].includes(call.method);
}

/** Whether callback data is a button of `codec`, with `fields` if given (the test's way to find a button). */
export function isButton<V>(codec: CallbackCodec<V>, data: string | undefined, fields: Partial<V> = {}): boolean {
  const value = codec.unpack(data) as Record<string, unknown> | undefined;
  return value !== undefined && Object.entries(fields).every(([key, want]) => value[key] === want);
}

export function buttonsOf(call: RecordedCall): { text: string; data?: string; url?: string }[] {
  const markup =
    typeof call.payload.reply_markup === "string" ? JSON.parse(call.payload.reply_markup) : call.payload.reply_markup;
  return (markup?.inline_keyboard ?? []).flat().map((b: any) => ({ text: b.text, data: b.callback_data, url: b.url }));
}

/** The caption of a photo/document message, sent or edited in place (editMessageMedia carries it inside `media`). */
export function captionOf(call: RecordedCall): string | undefined {
  if (call.payload.caption !== undefined) return call.payload.caption;
  const media = typeof call.payload.media === "string" ? JSON.parse(call.payload.media) : call.payload.media;
  return media?.caption;
}

/** Adds an idea through /new (no photo) and resolves with the confirmation (Notion warnings may arrive around it). */
export async function addIdeaConfirmation(chat: OwnerChat, name: string, description: string): Promise<RecordedCall> {
  await chat.send("/new");
  await chat.send(name);
  await chat.send(description);
  return chat.tap(
    Buttons.flow.pack({ action: "skip" }),
    (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
  );
}

/**
 * The confirmation of a new idea once its Notion write has ended: sent as "pending", it is edited by the sync worker
 * (never awaited in the update) to "added to Notion" with the page's link, or to "failed".
 */
export async function settledConfirmation(
  chat: OwnerChat,
  saved: RecordedCall,
  timeoutMs = 10_000,
): Promise<RecordedCall> {
  const messageId = Number(saved.result?.message_id);
  return chat.api.waitForCall(
    (c) =>
      c.method === "editMessageText" &&
      Number(c.payload.message_id) === messageId &&
      !String(c.payload.text).includes("чуть позже"),
    { since: chat.api.calls.indexOf(saved), timeoutMs },
  );
}

/** The project id carried by a message's card buttons (`p:<id>:…`). */
export const projectIdOf = (call: RecordedCall) =>
  Number(
    buttonsOf(call)
      .find((b) => isButton(Buttons.project, b.data))!
      .data!.split(":")[1],
  );

/** Adds an idea through /new and resolves with its project id. */
export async function addIdea(chat: OwnerChat, name: string, description: string): Promise<number> {
  return projectIdOf(await quietConfirmation(chat, await addIdeaConfirmation(chat, name, description)));
}

/**
 * With Notion on, a new idea's confirmation is edited once its page is written (the sync worker, after the update):
 * waits up to `timeoutMs` for that edit, so the next step's first reply is its own, not this late edit. Without
 * Notion, or while Notion stays away, the confirmation is returned as it is.
 */
export async function quietConfirmation(chat: OwnerChat, saved: RecordedCall, timeoutMs = 3_000) {
  if (!String(saved.payload.text).includes("чуть позже")) return saved;
  return settledConfirmation(chat, saved, timeoutMs).catch(() => saved);
}
