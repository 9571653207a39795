import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { NAV } from "../menu/keyboards.ts";
import { SETTINGS_FLOW, settingsFlow } from "./flow.ts";

export const settingsFeature = new Composer<Context>();

settingsFeature.use(createConversation<Context, FlowContext>(settingsFlow, SETTINGS_FLOW));

settingsFeature.command("settings", (ctx) => ctx.conversation.enter(SETTINGS_FLOW));
settingsFeature.callbackQuery(NAV.settings, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(SETTINGS_FLOW);
});
