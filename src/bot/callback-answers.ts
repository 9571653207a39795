import type { Transformer } from "grammy";
import type { Logger } from "../logger.ts";

/** How long an answered query id is remembered: far longer than Telegram lets a query be answered. */
const REMEMBER_MS = 10 * 60_000;

/**
 * Telegram takes one answer per callback query, and only while it is fresh: a second or late `answerCallbackQuery` is
 * refused (400 "query is too old…") and would abort the update. One ledger per bot sees every answer. On the bot's Api
 * (`transformer`) the first answer goes out and later ones are skipped (a refused late answer is taken as done at the
 * transport: settled-refusals.ts). Inside conversations (their Api does not inherit the bot's) answers are only
 * recorded (`observer`): a conversation replays its Bot API calls from a log, so a call skipped there on one run and
 * made on another would break the replay. `isAnswered` tells the catch-all answer and the error handler whether the
 * query still needs (or can take) an answer.
 */
export class CallbackAnswers {
  private readonly answered = new Map<string, number>();
  private readonly logger?: Logger;

  constructor(logger?: Logger) {
    this.logger = logger;
  }

  isAnswered(queryId: string): boolean {
    return this.answered.has(queryId);
  }

  transformer(): Transformer {
    return async (prev, method, payload, signal) => {
      if (method !== "answerCallbackQuery") return prev(method, payload, signal);
      const queryId = String((payload as { callback_query_id: string }).callback_query_id);
      if (this.answered.has(queryId)) {
        this.logger?.debug({ queryId }, "callback query already answered; skipped a second answer");
        return { ok: true, result: true as never };
      }
      this.remember(queryId);
      return prev(method, payload, signal);
    };
  }

  /** Records the answers a conversation makes, always passing them on (see the class comment). */
  observer(): Transformer {
    return (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery")
        this.remember(String((payload as { callback_query_id: string }).callback_query_id));
      return prev(method, payload, signal);
    };
  }

  private remember(queryId: string): void {
    const now = Date.now();
    this.answered.set(queryId, now);
    for (const [id, at] of this.answered) {
      if (now - at < REMEMBER_MS) break;
      this.answered.delete(id);
    }
  }
}
