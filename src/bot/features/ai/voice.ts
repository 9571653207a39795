import { InlineKeyboard } from "grammy";
import { cutText, cutToCodePoints } from "../../../domain/text-cut.ts";
import { telegramFileSource } from "../../telegram-files.ts";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { transcribeVoiceIdea } from "../../../usecases/voice.ts";
import { type Job, StatusMessage, integration, jobFrom, reportFault, runInBackground } from "../../job.ts";
import { enterFlow } from "../../flow/enter.ts";
import type { Translate } from "../../i18n.ts";
import { tooBigToDownload } from "../../telegram-files.ts";
import { projectData } from "../../navigation.ts";
import { NAME_MAX } from "../../../domain/project.ts";

type VoiceAction = ButtonOf<typeof Buttons.voice>["action"];

export interface VoiceDraft {
  fileId: string;
  mimeType: string;
  transcript?: string;
  name?: string;
  description?: string;
}

export const voiceDraftText = (t: Translate, draft: VoiceDraft) =>
  t("ai-voice-draft", {
    name: escapeHtml(draft.name ?? ""),
    description: escapeHtml(cutText(draft.description ?? "", 3000)),
  });

export const voiceDraftKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("ai-btn-voice-save"), Buttons.voice.pack({ id, action: "save" }))
    .row()
    .text(t("ai-btn-voice-name"), Buttons.voice.pack({ id, action: "name" }))
    .text(t("ai-btn-voice-description"), Buttons.voice.pack({ id, action: "desc" }))
    .row()
    .text(t("ai-btn-voice-discard"), Buttons.voice.pack({ id, action: "drop" }));

/** Transcribes a voice note and drafts a name and description (Gemini, audio input). */
export async function transcribeVoice(job: Job, fileId: string, mimeType: string) {
  const audio = await telegramFileSource(job.api, job.deps.config)(fileId);
  return transcribeVoiceIdea(integration(job, "gemini"), audio, mimeType);
}

async function transcribeDraft(job: Job, draftId: number, status: StatusMessage): Promise<void> {
  if (!job.deps.workspace.busy.claim(`vc:${draftId}`)) return;
  try {
    const draft = await job.deps.repos.ai.getDraft<VoiceDraft>(draftId, "voice");
    if (!draft) return;
    await status.show(job.t("ai-progress-voice"), "typing");
    const idea = await transcribeVoice(job, draft.data.fileId, draft.data.mimeType);
    const data: VoiceDraft = { ...draft.data, ...idea };
    await job.deps.repos.ai.updateDraft(draftId, data);
    job.deps.workspace.busy.release(`vc:${draftId}`);
    await status.finish(voiceDraftText(job.t, data), voiceDraftKeyboard(job.t, draftId));
  } catch (error) {
    job.deps.workspace.busy.release(`vc:${draftId}`);
    await reportFault(job, status, error, Buttons.voice.pack({ id: draftId, action: "retry" }));
  } finally {
    job.deps.workspace.busy.release(`vc:${draftId}`);
  }
}

/** A voice note or audio outside any flow becomes a draft idea. */
export async function onVoice(ctx: Context): Promise<void> {
  if (!ctx.deps.services.gemini) return void (await ctx.reply(ctx.t("ai-voice-off")));
  const media = ctx.message?.voice ?? ctx.message?.audio;
  if (!media) return;
  if (tooBigToDownload(media)) return void (await ctx.reply(ctx.t("ai-voice-too-big")));
  const draft = await ctx.deps.repos.ai.createDraft<VoiceDraft>("voice", null, {
    fileId: media.file_id,
    mimeType: media.mime_type ?? "audio/ogg",
  });
  const job = jobFrom(ctx);
  const status = new StatusMessage(job);
  await status.show(job.t("ai-progress-voice"), "typing");
  const retry = Buttons.voice.pack({ id: draft.id, action: "retry" });
  runInBackground(job, "voice", retry, () => transcribeDraft(job, draft.id, status));
}

/** `vc:<draft>:<action>` — Save as idea / Edit name / Edit description / Discard / Retry. */
export async function onVoiceAction(ctx: Context, draftId: number, action: VoiceAction): Promise<void> {
  const { ai, projects } = ctx.deps.repos;
  const draft = await ai.getDraft<VoiceDraft>(draftId, "voice");
  if (!draft) return void (await ctx.answerCallbackQuery({ text: ctx.t("common-stale-button") }));
  if (action === "retry") {
    if (!ctx.deps.services.gemini)
      return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-gemini-off"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const job = jobFrom(ctx);
    const status = new StatusMessage(job, ctx.callbackQuery?.message?.message_id);
    return runInBackground(job, "voice", Buttons.voice.pack({ id: draftId, action: "retry" }), () =>
      transcribeDraft(job, draftId, status),
    );
  }
  if (!draft.data.transcript) return void (await ctx.answerCallbackQuery({ text: ctx.t("common-stale-button") }));
  await ctx.answerCallbackQuery();
  if (action === "drop") {
    await ai.deleteDraft(draftId);
    return void (await ctx.editMessageText(ctx.t("ai-voice-discarded")));
  }
  if (action === "name" || action === "desc")
    return enterFlow(ctx, "ai-edit", "voice", draftId, action === "name" ? "name" : "description");
  const project = await projects.create(
    {
      name: draft.data.name || cutToCodePoints(draft.data.transcript, NAME_MAX),
      description: draft.data.description ?? draft.data.transcript,
    },
    { onceKey: `voice-draft:${draftId}` },
  );
  // Keyed by the draft: a re-delivered tap (kill -9 between these two writes) finds the project already made.
  await ai.deleteDraft(draftId);
  const keyboard = new InlineKeyboard().text(ctx.t("project-btn-open-card"), projectData(project.id, "open"));
  await ctx.editMessageText(ctx.t("project-idea-saved", { name: escapeHtml(project.name) }), {
    reply_markup: keyboard,
  });
}
