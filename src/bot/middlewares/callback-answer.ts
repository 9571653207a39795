import type { NextFunction } from "grammy";
import type { Context } from "../context.ts";

/**
 * Makes sure no button is left with a spinning clock: a callback query that no
 * handler answered gets the "out of date" notice (nothing handled it) or an
 * empty answer (a handler ran but did not answer).
 */
export async function answerEveryCallback(ctx: Context, next: NextFunction) {
  if (!ctx.callbackQuery) return next();
  let answered = false;
  ctx.api.config.use((prev, method, payload, signal) => {
    if (method === "answerCallbackQuery") answered = true;
    return prev(method, payload, signal);
  });
  try {
    await next();
  } finally {
    if (!answered) await ctx.answerCallbackQuery().catch(() => undefined);
  }
}

/** The last handler of the tree: a button nothing knows (old message, deleted object). */
export async function staleButton(ctx: Context) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("stale-button"), show_alert: false });
}
