import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.ts";
import type { Context } from "./context.ts";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Long polling that stops cleanly: an update is confirmed to Telegram only
 * after it was handled, and on stop the rest of a fetched batch is left on the
 * server for the next process. A 409 Conflict (a second poller during a
 * Heroku restart) waits instead of crashing.
 */
export class Poller {
  private offset = 0;
  private running = false;
  private abort = new AbortController();
  private loop?: Promise<void>;
  private readonly bot: Bot<Context>;
  private readonly log: Logger;
  private readonly timeoutSeconds: number;

  constructor(bot: Bot<Context>, log: Logger, options: { timeoutSeconds?: number } = {}) {
    this.bot = bot;
    this.log = log;
    this.timeoutSeconds = options.timeoutSeconds ?? 30;
  }

  start(): Promise<void> {
    this.running = true;
    this.loop = this.run();
    return this.loop;
  }

  async stop(): Promise<void> {
    if (!this.running) return this.loop;
    this.running = false;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    if (this.offset > 0) {
      await this.bot.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).catch((error) => {
        this.log.warn({ err: error }, "could not confirm the last handled update");
      });
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    let conflictLogged = false;
    while (this.running) {
      let updates: Update[];
      try {
        updates = await this.bot.api.getUpdates(
          { offset: this.offset, timeout: this.timeoutSeconds, limit: 100 },
          this.abort.signal as never,
        );
        failures = 0;
        conflictLogged = false;
      } catch (error) {
        if (!this.running) break;
        if (error instanceof GrammyError && error.error_code === 401) throw error;
        const conflict = error instanceof GrammyError && error.error_code === 409;
        if (conflict && !conflictLogged)
          this.log.warn("another instance is polling (409 Conflict); waiting for it to stop");
        else if (!conflict) this.log.warn({ err: error }, "getUpdates failed; retrying");
        conflictLogged ||= conflict;
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        await sleep(retryAfter ? retryAfter * 1000 : Math.min(30_000, 1000 * 2 ** failures++), this.abort.signal);
        continue;
      }
      for (const update of updates) {
        if (!this.running) break;
        try {
          await this.bot.handleUpdate(update);
        } catch (error) {
          this.log.error({ err: error, update: update.update_id }, "update handling failed");
        }
        this.offset = update.update_id + 1;
      }
    }
  }
}
