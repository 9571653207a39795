import { Composer } from "grammy";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { onGenerateTexts, onRegenerateText } from "./copywriting.ts";
import { AI_EDIT_FLOW, aiEditFlow } from "./edit-flow.ts";
import { MB_REMIX_FLOW, remixFlow } from "./remix-flow.ts";
import { onNewMoodboard, onSteering } from "./moodboard.ts";
import { showMoodboards, showSavedMoodboard } from "./saved-boards.ts";
import { onVoice, onVoiceAction } from "./voice.ts";
import { onLoosePhoto } from "./photo-moodboard.ts";
import { enterFlow } from "../../flow/enter.ts";

/** Creative AI: moodboards (Fal), texts (Gemini), voice notes that become ideas. */
export const aiFeature = new Composer<Context>();

aiFeature.use(createConversation<Context, FlowContext>(aiEditFlow, AI_EDIT_FLOW));
aiFeature.use(createConversation<Context, FlowContext>(remixFlow, MB_REMIX_FLOW));

onButton(aiFeature, Buttons.ai, (ctx, { projectId, action }) => {
  if (action === "newMoodboard") return onNewMoodboard(ctx, projectId);
  if (action === "fromReference") return onNewMoodboard(ctx, projectId, "both");
  if (action === "fromPhoto") return onNewMoodboard(ctx, projectId, "photo");
  if (action === "moodboards") return showMoodboards(ctx, projectId);
  return onGenerateTexts(ctx, projectId);
});
onButton(aiFeature, Buttons.moodboard, (ctx, { draftId, action, arg }) => onSteering(ctx, draftId, action, arg));
onButton(aiFeature, Buttons.savedMoodboard, (ctx, { id }) => showSavedMoodboard(ctx, id));
onButton(aiFeature, Buttons.text, async (ctx, { assetId: id, action }) => {
  if (action === "regenerate") return onRegenerateText(ctx, id);
  if (!(await ctx.deps.repos.ai.getText(id)))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("project-missing") }));
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, AI_EDIT_FLOW, "text", id, "text");
});
onButton(aiFeature, Buttons.voice, (ctx, { id, action }) => onVoiceAction(ctx, id, action));
aiFeature.on(["message:voice", "message:audio"], onVoice);
aiFeature.on("message:photo", onLoosePhoto);
