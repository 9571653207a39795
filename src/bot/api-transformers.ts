import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, RawApi, Transformer } from "grammy";
import type { Logger } from "pino";
import type { CallbackAnswers } from "./callback-answers.ts";
import { retryNetworkErrors, retryServerErrors } from "./network-retry.ts";

/**
 * 429 is retried by auto-retry; 5xx by retryServerErrors and network errors by retryNetworkErrors (both bounded,
 * quick).
 */
const AUTO_RETRY = {
  maxRetryAttempts: 3,
  maxDelaySeconds: 60,
  rethrowHttpErrors: true,
  rethrowInternalServerErrors: true,
};

/** Methods whose `text` is formatted. */
const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);
/** Methods whose `caption` is formatted. */
const CAPTION_METHODS = new Set([
  "sendPhoto",
  "sendDocument",
  "sendVideo",
  "sendAnimation",
  "sendAudio",
  "sendVoice",
  "editMessageCaption",
  "copyMessage",
]);

type Formattable = { parse_mode?: string; entities?: unknown; caption_entities?: unknown };

function withHtml<T extends Formattable>(part: T, field: "text" | "caption"): T {
  const formatted = field in part && (part.parse_mode ?? part.entities ?? part.caption_entities) === undefined;
  return formatted ? { ...part, parse_mode: "HTML" } : part;
}

/**
 * Every text and caption the bot sends is Telegram HTML, set here once (texts carry <b>, <i>, <code>; whatever
 * the owner or a service wrote is escaped where it is put in: html.ts). A call that names its own parse mode or
 * entities keeps them.
 */
export function htmlByDefault(): Transformer {
  return (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown> & Formattable;
    let shaped: Record<string, unknown> = p;
    if (TEXT_METHODS.has(method)) shaped = withHtml(p, "text");
    else if (CAPTION_METHODS.has(method)) shaped = withHtml(p, "caption");
    else if (method === "sendMediaGroup" && Array.isArray(p.media))
      shaped = { ...p, media: p.media.map((item: Formattable) => withHtml(item, "caption")) };
    else if (method === "editMessageMedia" && p.media && typeof p.media === "object")
      shaped = { ...p, media: withHtml(p.media as Formattable, "caption") };
    return prev(method, shaped as typeof payload, signal);
  };
}

export interface ApiTransformerOptions {
  answers: CallbackAnswers;
  logger?: Logger;
}

/**
 * The one Bot API plumbing of the bot: retries, HTML by default, and the callback answer ledger. The bot's own api
 * sends the answers (`transformer`); a conversation's api, which replays its calls from a log, only records them
 * (`observer`): flows/runtime installs it with `forFlow`.
 */
export function installApiTransformers(api: Api<RawApi>, options: ApiTransformerOptions, forFlow = false): void {
  const { answers, logger } = options;
  api.config.use(
    autoRetry(AUTO_RETRY),
    retryServerErrors(),
    retryNetworkErrors({
      onRetry: logger
        ? (method, error) => logger.warn({ method, err: error }, "Bot API unreachable; retrying")
        : undefined,
    }),
    forFlow ? answers.observer() : answers.transformer(),
    htmlByDefault(),
  );
}
