import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { SETTINGS_FLOW, settingsFlow } from "./flow.ts";
import { enterFlow } from "../../flow/enter.ts";
import { NAV } from "../../navigation.ts";

export const settingsFeature = new Composer<Context>();

settingsFeature.use(createConversation<Context, FlowContext>(settingsFlow, SETTINGS_FLOW));

settingsFeature.command("settings", (ctx) => enterFlow(ctx, SETTINGS_FLOW));
settingsFeature.callbackQuery(NAV.settings, async (ctx) => {
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, SETTINGS_FLOW);
});
