import type { NextFunction } from "grammy";
import type { Context } from "../context.ts";
import type { CallbackAnswers } from "../callback-answers.ts";

/**
 * Makes sure no button is left with a spinning clock: a callback query that no
 * handler (nor a conversation) answered gets an empty answer once the update is handled.
 */
export function answerEveryCallback(answers: CallbackAnswers) {
  return async (ctx: Context, next: NextFunction) => {
    if (!ctx.callbackQuery) return next();
    try {
      await next();
    } finally {
      if (!answers.isAnswered(ctx.callbackQuery.id)) await ctx.answerCallbackQuery().catch(() => undefined);
    }
  };
}

/** The last handler of the tree: a button nothing knows (old message, deleted object). */
export async function staleButton(ctx: Context) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("common-stale-button"), show_alert: false });
}
