import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Context } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import type { Logger } from "../logger.ts";
import { FalError } from "../services/fal/fal-error.ts";
import { GeminiError } from "../services/gemini/gemini-service.ts";
import type { Translate } from "./i18n.ts";

/**
 * What a generation running in the background needs once its update was
 * handled: the poller handles updates one by one, so long work must not be
 * awaited inside a handler.
 */
export interface Job {
  api: Api;
  t: Translate;
  chatId: number;
  deps: BotDeps;
  log: Logger;
}

export function jobFrom(ctx: Context): Job {
  return { api: ctx.api, t: ctx.t.bind(ctx) as Translate, chatId: ctx.chat!.id, deps: ctx.deps, log: ctx.log };
}

/** The kind of the rows that track in-memory AI work (see runInBackground). */
export const INTERRUPTED_AI_JOB = "ai-interrupted";

/** What a tracked AI task leaves in its row: which task, and the Retry button that starts it again. */
export interface TrackedAiWork {
  task: string;
  retryData: string;
}

/**
 * Runs `work` without blocking the update that started it (it starts at once: a Fal submit is not delayed by a
 * database write); unexpected errors are logged, never thrown. The work lives in memory, so it is also tracked as a
 * running job row: if the process stops before it ends, the next start tells the owner and offers `retryData` (the
 * same Retry its fault message would carry) instead of leaving a "generating…" that never finishes.
 */
export function runInBackground(job: Job, name: string, retryData: string, work: () => Promise<void>): void {
  const running = work().catch((error) => job.log.error({ err: error, job: name }, "background generation failed"));
  const tracked: TrackedAiWork = { task: name, retryData };
  const jobs = job.deps.services.jobs;
  void jobs
    .track(INTERRUPTED_AI_JOB, job.chatId, tracked)
    .then(async (id) => {
      await running;
      await jobs.untrack(id);
    })
    .catch((error: unknown) => job.log.warn({ err: error, job: name }, "background work not tracked"));
}

/** After a restart: the owner learns which AI work the stop cut short, with its Retry button. */
export async function reportInterrupted(job: Job, work: TrackedAiWork): Promise<void> {
  const task = work.task.startsWith("moodboard") ? "moodboard" : work.task.startsWith("voice") ? "voice" : "texts";
  const keyboard = new InlineKeyboard().text(job.t("ai-btn-ai-retry"), work.retryData);
  await job.api.sendMessage(job.chatId, job.t("ai-interrupted", { task: job.t(`ai-interrupted-${task}`) }), {
    reply_markup: keyboard,
  });
}

/**
 * One status message edited as the work goes, with the matching chat action
 * repeated (Telegram shows an action for ~5 s). Its Bot API calls run one after
 * another in call order, so a caller need not wait for one before going on (the
 * first call creates the message the later ones edit or delete).
 */
export class StatusMessage {
  private readonly job: Job;
  private messageId: number | undefined;
  private lastText = "";
  /** Buttons the progress shows while it runs (✖️ Stop), kept on every edit. */
  private keyboard: InlineKeyboard | undefined;
  /** The buttons the message shows now (an edit with the same text and buttons is refused by Telegram). */
  private drawnKeyboard: InlineKeyboard | undefined;
  private actionTimer: NodeJS.Timeout | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(job: Job, messageId?: number) {
    this.job = job;
    this.messageId = messageId;
  }

  get id(): number | undefined {
    return this.messageId;
  }

  private inTurn(work: () => Promise<void>): Promise<void> {
    const turn = this.pending.then(work);
    this.pending = turn.catch(() => undefined);
    return turn;
  }

  /** Never rejects (a failed update is logged), so it may be left running. */
  show(text: string, action?: "typing" | "upload_photo" | "upload_document" | "record_voice"): Promise<void> {
    if (action) this.keepAction(action);
    if (text === this.lastText) return Promise.resolve();
    this.lastText = text;
    return this.inTurn(() => this.draw(text));
  }

  /** Puts `keyboard` under the progress from now on (redrawn at once when the message is already there). */
  withButtons(keyboard: InlineKeyboard): Promise<void> {
    this.keyboard = keyboard;
    return this.inTurn(async () => {
      if (this.messageId !== undefined && this.lastText && this.drawnKeyboard !== this.keyboard)
        await this.draw(this.lastText);
    });
  }

  /** The buttons go with the next edit (the work can no longer be stopped). */
  dropButtons(): void {
    this.keyboard = undefined;
  }

  private async draw(text: string): Promise<void> {
    const { api, chatId } = this.job;
    const keyboard = this.keyboard;
    const options = keyboard ? { reply_markup: keyboard } : {};
    try {
      if (this.messageId === undefined) this.messageId = (await api.sendMessage(chatId, text, options)).message_id;
      else await api.editMessageText(chatId, this.messageId, text, options);
      this.drawnKeyboard = keyboard;
    } catch (error) {
      if (!(error instanceof GrammyError && error.description.includes("not modified")))
        this.job.log.warn({ err: error }, "status message update failed");
    }
  }

  /** Replaces the status with a final message (an error with a Retry button, a result…). */
  finish(text: string, keyboard?: InlineKeyboard): Promise<void> {
    this.stopAction();
    this.keyboard = undefined;
    const { api, chatId } = this.job;
    const options = {
      reply_markup: keyboard,
      link_preview_options: { is_disabled: true },
    };
    return this.inTurn(async () => {
      if (this.messageId !== undefined) {
        try {
          await api.editMessageText(chatId, this.messageId, text, options);
          return;
        } catch (error) {
          this.job.log.warn({ err: error }, "status message final edit failed");
        }
      }
      this.messageId = (await api.sendMessage(chatId, text, options)).message_id;
    });
  }

  remove(): Promise<void> {
    this.stopAction();
    return this.inTurn(async () => {
      if (this.messageId !== undefined)
        await this.job.api.deleteMessage(this.job.chatId, this.messageId).catch(() => undefined);
      this.messageId = undefined;
    });
  }

  stopAction(): void {
    clearInterval(this.actionTimer);
    this.actionTimer = undefined;
  }

  private keepAction(action: "typing" | "upload_photo" | "upload_document" | "record_voice"): void {
    this.stopAction();
    const send = () => void this.job.api.sendChatAction(this.job.chatId, action).catch(() => undefined);
    send();
    this.actionTimer = setInterval(send, 4500);
    this.actionTimer.unref();
  }
}

/** The owner-facing text for a failed generation (never the raw error: it may quote a request). */
export function faultText(job: Job, error: unknown): string {
  if (error instanceof FalError)
    return job.t(`ai-fault-fal-${error.fault}`, { model: job.deps.config.fal?.model ?? "" });
  if (error instanceof GeminiError)
    return job.t(`ai-fault-gemini-${error.fault}`, { model: job.deps.config.gemini?.model ?? "" });
  if (error instanceof GrammyError) return job.t("ai-fault-telegram");
  return job.t("common-error-generic");
}

/** Shows the fault with a Retry button that repeats `retryData`; logs the technical reason. */
export async function reportFault(
  job: Job,
  status: StatusMessage,
  error: unknown,
  retryData: string,
  extra?: InlineKeyboard,
): Promise<void> {
  job.log.warn(
    { err: error instanceof FalError || error instanceof GeminiError ? error.message : error },
    "AI generation failed",
  );
  const keyboard = (extra ?? new InlineKeyboard()).text(job.t("ai-btn-ai-retry"), retryData);
  await status.finish(faultText(job, error), keyboard);
}

/** True when the text has at least one letter or digit (emoji-only or blank text makes no prompt). */
export const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** The integration a job needs; callers offer the button only when it is on, so its absence is a bug. */
export function integration<K extends "fal" | "gemini">(job: Job, name: K): NonNullable<Job["deps"]["services"][K]> {
  const service = job.deps.services[name];
  if (!service) throw new Error(`${name} is not configured`);
  return service as NonNullable<Job["deps"]["services"][K]>;
}
