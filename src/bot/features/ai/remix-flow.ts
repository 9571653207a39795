import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { askText, cancelKeyboard } from "../../flow/ask.ts";
import { jobFrom, runInBackground } from "../../job.ts";
import type { Checked } from "../../../domain/project-text.ts";
import { type MoodboardDraft, generateMoodboard, requestData } from "./moodboard-job.ts";

export const MB_REMIX_FLOW = "mb-remix";
const PROMPT_MAX = 1000;

function checkPrompt(raw: string): Checked {
  const value = raw.trim().replace(/\s+/g, " ");
  const length = [...value].length;
  if (length === 0) return { ok: false, key: "project-description-empty" };
  if (length > PROMPT_MAX) return { ok: false, key: "ai-mb-remix-too-long", length };
  return { ok: true, value };
}

/**
 * ✏️ on a board: the English prompt the model got is shown, the owner sends their own, and the next round (four new
 * images) is made from exactly those words — in the background, like every generation.
 */
export async function remixFlow(conversation: Flow, ctx: FlowContext, draftId: number) {
  const prompt = await conversation.external(
    async (outer) => (await outer.deps.repos.ai.getDraft<MoodboardDraft>(draftId, "moodboard"))?.data.prompt ?? null,
  );
  if (!prompt) return void (await ctx.reply(ctx.t("ai-mb-stale")));
  await ctx.reply(ctx.t("ai-mb-remix-ask", { prompt: escapeHtml(prompt) }), { reply_markup: cancelKeyboard(ctx) });
  const answer = await askText(conversation, checkPrompt);
  const started = await conversation.external(async (outer) => {
    const draft = await outer.deps.repos.ai.getDraft<MoodboardDraft>(draftId, "moodboard");
    if (!draft) return false;
    await outer.deps.repos.ai.updateDraft(draftId, { ...draft.data, prompt: answer.value });
    const job = jobFrom(outer);
    const request = { kind: "all" } as const;
    runInBackground(job, "moodboard-remix", requestData(draftId, request), () =>
      generateMoodboard(job, draftId, request),
    );
    return true;
  });
  await answer.ctx.reply(answer.ctx.t(started ? "ai-mb-remix-started" : "ai-mb-stale"));
}
