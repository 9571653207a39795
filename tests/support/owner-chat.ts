import { FakeBotApi, OWNER_ID, type RecordedCall } from "./fake-bot-api.ts";

const user = (id: number) => ({ id, is_bot: false, first_name: id === OWNER_ID ? "Owner" : "Stranger", language_code: "ru" });
const privateChat = (id: number) => ({ id, type: "private", first_name: "Owner" });

let messageIds = 1;

/** Builds updates the way Telegram would send them from a user's private chat. */
export function textMessage(text: string, from = OWNER_ID) {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0].length }] : undefined;
  return { message: { message_id: messageIds++, date: Math.floor(Date.now() / 1000), chat: privateChat(from), from: user(from), text, entities } };
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

  /** Sends text and resolves with the bot's first message-producing call after it. */
  async send(text: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    const since = this.api.calls.length;
    this.api.push(textMessage(text));
    return this.api.waitForCall(match, { since });
  }

  /** The newest message (sent or edited) that carries a button with this callback data. */
  messageWithButton(data: string): Record<string, any> {
    for (let i = this.api.calls.length - 1; i >= 0; i--) {
      const call = this.api.calls[i];
      if (!isChatOutput(call)) continue;
      const markup = typeof call.payload.reply_markup === "string" ? JSON.parse(call.payload.reply_markup) : call.payload.reply_markup;
      const buttons = (markup?.inline_keyboard ?? []).flat();
      if (buttons.some((b: any) => b.callback_data === data)) {
        return {
          message_id: Number(call.payload.message_id ?? 0) || 1,
          date: 0,
          chat: { id: OWNER_ID, type: "private" },
          text: call.payload.text ?? undefined,
          caption: call.payload.caption,
          reply_markup: markup,
        };
      }
    }
    throw new Error(`no message with a button "${data}"; buttons seen: ${allButtons(this.api).join(", ")}`);
  }

  /** Taps a button (by callback data) on the newest message showing it; resolves with the next visible output. */
  async tap(data: string, match: (call: RecordedCall) => boolean = isChatOutput): Promise<RecordedCall> {
    const message = this.messageWithButton(data);
    const since = this.api.calls.length;
    this.api.push(callback(data, message));
    return this.api.waitForCall(match, { since });
  }
}

export function isChatOutput(call: RecordedCall): boolean {
  return ["sendMessage", "editMessageText", "sendPhoto", "sendDocument", "editMessageCaption", "editMessageMedia", "sendMediaGroup"].includes(call.method);
}

export function buttonsOf(call: RecordedCall): { text: string; data?: string; url?: string }[] {
  const markup = typeof call.payload.reply_markup === "string" ? JSON.parse(call.payload.reply_markup) : call.payload.reply_markup;
  return (markup?.inline_keyboard ?? []).flat().map((b: any) => ({ text: b.text, data: b.callback_data, url: b.url }));
}

function allButtons(api: FakeBotApi): string[] {
  return api.calls.filter(isChatOutput).flatMap((call) => buttonsOf(call).map((b) => b.data ?? b.url ?? "?"));
}
