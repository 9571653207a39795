import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { TX_DATA, onGenerateTexts, onRegenerateText } from "./copywriting.ts";
import { AI_EDIT_FLOW, aiEditFlow } from "./edit-flow.ts";
import { onNewMoodboard, onSteering, showMoodboards, showSavedMoodboard } from "./moodboard.ts";
import { MB_DATA } from "./moodboard-job.ts";
import { VC_DATA, onVoice, onVoiceAction } from "./voice.ts";
import { enterFlow } from "../enter-flow.ts";

/** Creative AI: moodboards (Fal), texts (Gemini), voice notes that become ideas. */
export const aiFeature = new Composer<Context>();

aiFeature.use(createConversation<Context, FlowContext>(aiEditFlow, AI_EDIT_FLOW));

aiFeature.callbackQuery(/^ai:(\d{1,10}):(mb|mbl|tx)$/, (ctx) => {
  const projectId = Number(ctx.match[1]);
  if (ctx.match[2] === "mb") return onNewMoodboard(ctx, projectId);
  if (ctx.match[2] === "mbl") return showMoodboards(ctx, projectId);
  return onGenerateTexts(ctx, projectId);
});
aiFeature.callbackQuery(MB_DATA, (ctx) => onSteering(ctx, Number(ctx.match[1]), ctx.match[2], ctx.match[3]));
aiFeature.callbackQuery(/^mbv:(\d{1,10})$/, (ctx) => showSavedMoodboard(ctx, Number(ctx.match[1])));
aiFeature.callbackQuery(TX_DATA, async (ctx) => {
  const id = Number(ctx.match[1]);
  if (ctx.match[2] === "re") return onRegenerateText(ctx, id);
  if (!(await ctx.deps.repos.ai.getText(id)))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("project-missing") }));
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, AI_EDIT_FLOW, "text", id, "text");
});
aiFeature.callbackQuery(VC_DATA, (ctx) => onVoiceAction(ctx, Number(ctx.match[1]), ctx.match[2]));
aiFeature.on(["message:voice", "message:audio"], onVoice);
