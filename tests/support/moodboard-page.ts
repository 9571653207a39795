import type { RecordedCall } from "./fake-bot-api.ts";
import type { BotSession } from "./session.ts";
import { buttonsOf } from "./owner-chat.ts";
import { textOf } from "./ai-helpers.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const isSteering = (c: RecordedCall) => c.method === "sendMessage" && /(Мудборд|Moodboard):/.test(textOf(c));

/** The moodboard as the owner sees it: the steering message under the album, its buttons, what a tap brings. */
export class MoodboardPage {
  private readonly session: BotSession;

  constructor(session: BotSession) {
    this.session = session;
  }

  /** The newest steering message. */
  steering(): RecordedCall {
    return this.session.api.calls.findLast(isSteering)!;
  }

  /** The steering button for `action` (and `arg`, e.g. the tile `2` or the vary `2s`). */
  button(action: string, arg?: string): string {
    const data = buttonsOf(this.steering())
      .map((b) => b.data ?? "")
      .find((d) => {
        const button = Buttons.moodboard.unpack(d);
        return button?.action === action && (arg === undefined || button.arg === arg);
      });
    if (!data) throw new Error(`no ${action} ${arg ?? ""} button under the board`);
    return data;
  }

  /** Taps `data` (a button that makes a board) and waits for the new board: its steering message, then the end. */
  async tapForBoard(data: string, timeoutMs = 20_000): Promise<RecordedCall> {
    const since = this.session.api.calls.length;
    await this.session.chat.tap(data, (c) => c.method === "sendMessage" || c.method === "answerCallbackQuery");
    return this.nextBoard(since, timeoutMs);
  }

  /** The board made after call `since`, once its job has removed its status message. */
  async nextBoard(since: number, timeoutMs = 20_000): Promise<RecordedCall> {
    const { api } = this.session;
    const steering = await api.waitForCall(isSteering, { since, timeoutMs });
    await api.waitForCall((c) => c.method === "deleteMessage", { since: api.calls.indexOf(steering) });
    return steering;
  }

  /** The upscaled file sent after call `since`. */
  upscaled(since: number, timeoutMs = 20_000): Promise<RecordedCall> {
    return this.session.api.waitForCall((c) => c.method === "sendDocument" && /⬆️/.test(textOf(c)), {
      since,
      timeoutMs,
    });
  }
}
