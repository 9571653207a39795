import { BotError, GrammyError, HttpError } from "grammy";
import type { Context } from "./context.ts";
import type { CallbackAnswers } from "./callback-answers.ts";

function isDatabaseError(error: unknown): boolean {
  const { name, message, code } = (error ?? {}) as Partial<Error> & { code?: string };
  const text = `${name ?? ""} ${message ?? ""} ${code ?? ""}`;
  return /prisma|ECONNREFUSED|database|SQLITE_BUSY|connection terminated|P10\d\d|DriverAdapterError/i.test(text);
}

/**
 * errorBoundary handler: one failing update is logged, the owner gets a short apology, polling goes on. The
 * apology is an alert while the tapped button's query can still be answered, otherwise a message.
 */
export const handleUpdateError = (answers: CallbackAnswers) => async (error: BotError<Context>) => {
  const ctx = error.ctx;
  const cause = error.error;
  const log = ctx.log ?? ctx.deps?.logger;
  if (cause instanceof GrammyError || cause instanceof HttpError)
    log?.error({ err: cause, method: (cause as GrammyError).method }, "Bot API call failed");
  else log?.error({ err: cause }, "update failed");

  const key = isDatabaseError(cause) ? "common-error-database" : "common-error-generic";
  const text = typeof ctx.t === "function" ? ctx.t(key) : "⚠️ Something went wrong. Please try again.";
  try {
    if (ctx.callbackQuery && !answers.isAnswered(ctx.callbackQuery.id))
      await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat) await ctx.reply(text);
  } catch (replyError) {
    log?.warn({ err: replyError }, "could not tell the owner about the failure");
  }
};
