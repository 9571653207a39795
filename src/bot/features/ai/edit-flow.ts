import type { Flow, FlowContext } from "../../context.ts";
import { askText, cancelKeyboard } from "../../flow/ask.ts";
import { checkDescription, checkName, type Checked } from "../../../domain/project-text.ts";
import { textKeyboard, textMessage } from "./copywriting.ts";
import { type VoiceDraft, voiceDraftKeyboard, voiceDraftText } from "./voice.ts";

export const AI_EDIT_FLOW = "ai-edit";
const TEXT_MAX = 4000;

function checkText(raw: string): Checked {
  const value = raw.trim();
  const length = [...value].length;
  if (length === 0) return { ok: false, key: "project-description-empty" };
  if (length > TEXT_MAX) return { ok: false, key: "ai-text-too-long", length };
  return { ok: true, value };
}

/** Edits a voice draft's name/description, or replaces a generated text with the owner's corrected version. */
export async function aiEditFlow(
  conversation: Flow,
  ctx: FlowContext,
  target: "voice" | "text",
  id: number,
  field: "name" | "description" | "text",
) {
  const ask =
    target === "text" ? "ai-text-ask-edit" : field === "name" ? "ai-voice-ask-name" : "ai-voice-ask-description";
  await ctx.reply(ctx.t(ask), { reply_markup: cancelKeyboard(ctx) });
  const answer = await askText(
    conversation,
    target === "text" ? checkText : field === "name" ? checkName : checkDescription,
  );
  const reply = answer.ctx;

  if (target === "voice") {
    const data = await conversation.external(async (outer) => {
      const draft = await outer.deps.repos.ai.getDraft<VoiceDraft>(id, "voice");
      if (!draft) return null;
      const next: VoiceDraft = { ...draft.data, [field]: answer.value };
      await outer.deps.repos.ai.updateDraft(id, next);
      return next;
    });
    if (!data) return void (await reply.reply(reply.t("common-stale-button")));
    await reply.reply(voiceDraftText(reply.t, data), {
      reply_markup: voiceDraftKeyboard(reply.t, id),
    });
    return;
  }

  const saved = await conversation.external(async (outer) => {
    const asset = await outer.deps.repos.ai.getText(id);
    if (!asset) return null;
    await outer.deps.repos.ai.updateText(id, answer.value, { editedBy: "owner" });
    const project = await outer.deps.repos.projects.get(asset.projectId);
    return { kind: asset.kind, projectName: project?.name ?? "" };
  });
  if (!saved) return void (await reply.reply(reply.t("project-missing")));
  await reply.reply(textMessage(reply, saved.kind, saved.projectName, answer.value), {
    reply_markup: textKeyboard(reply, id),
  });
}
