import { Composer } from "grammy";
import type { Context } from "../../context.ts";
import { staleButton } from "../../middlewares/callback-answer.ts";
import { backToMainKeyboard } from "../../navigation.ts";

/** Last in the tree: whatever no feature handled gets a helpful answer. */
export const fallbackFeature = new Composer<Context>();

fallbackFeature.on("callback_query", staleButton);

fallbackFeature.on("message:text", async (ctx) => {
  await ctx.reply(ctx.t("common-unknown-text"), { reply_markup: backToMainKeyboard(ctx.t) });
});

fallbackFeature.on("message", async (ctx) => {
  await ctx.reply(ctx.t("common-unknown-media"), { reply_markup: backToMainKeyboard(ctx.t) });
});
