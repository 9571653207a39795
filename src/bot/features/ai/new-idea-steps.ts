import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { checkDescription } from "../../../domain/project-text.ts";
import { waitStep } from "../../flow/wait-step.ts";
import { Buttons } from "../../buttons.ts";
import { type Job, faultText, jobFrom } from "../../job.ts";
import { startJob } from "../../flow/start-job.ts";
import { cutText } from "../../../domain/text-cut.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import { startMoodboard } from "./moodboard.ts";
import { transcribeVoice } from "./voice.ts";
import { tooBigToDownload } from "../../telegram-files.ts";
import type { IdeaSteps } from "../../flow/idea-steps.ts";
import { askButton } from "../../flow/ask.ts";

const MOODBOARD_YES = Buttons.flow.pack({ action: "moodboardOffer", arg: "yes" });
const MOODBOARD_SKIP = Buttons.flow.pack({ action: "moodboardOffer", arg: "skip" });

const USE_HEARD = Buttons.flow.pack({ action: "useHeard" });
export const VOICE_DESCRIPTION_JOB = "voice-description";

export interface VoiceDescriptionInput {
  fileId: string;
  mimeType: string;
  /** "Transcribing…": edited to what was heard (with "Use it") or to the fault. */
  progressMessageId: number;
}

export type VoiceDescriptionResult = { ok: true; text: string } | { ok: false };

/**
 * The description step of /new: text, or a voice note. Gemini's transcription runs as a job (seconds), never in the
 * update: what it heard comes back with "✅ Use it", or the owner types the description meanwhile.
 */
export async function askDescriptionOrVoice(conversation: Flow): Promise<{ value: string; ctx: FlowContext }> {
  let jobId: number | null = null;
  for (;;) {
    const answer = await waitStep(conversation);
    const voice = answer.message?.voice ?? answer.message?.audio;
    if (voice) {
      const geminiOn = await conversation.external((outer) => outer.deps.services.gemini !== undefined);
      if (!geminiOn) {
        await answer.reply(answer.t("ai-voice-off"));
        continue;
      }
      if (tooBigToDownload(voice)) {
        await answer.reply(answer.t("ai-voice-too-big"));
        continue;
      }
      const progress = await answer.reply(answer.t("ai-progress-voice"));
      const input: VoiceDescriptionInput = {
        fileId: voice.file_id,
        mimeType: voice.mime_type ?? "audio/ogg",
        progressMessageId: progress.message_id,
      };
      jobId = await startJob(conversation, VOICE_DESCRIPTION_JOB, input);
      continue;
    }
    const text = answer.callbackQuery?.data === USE_HEARD ? await heardText(conversation, answer, jobId) : undefined;
    if (text === null) continue;
    const typed = text ?? answer.message?.text;
    if (typed === undefined) {
      if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("common-flow-hint-text") });
      else await answer.reply(answer.t("common-flow-hint-text"));
      continue;
    }
    const checked = checkDescription(typed);
    if (checked.ok) return { value: checked.value, ctx: answer };
    await answer.reply(answer.t(checked.key, { length: checked.length ?? 0 }));
  }
}

/** "✅ Use it" under a transcription: its text, or null (answered) while it is still being made or has failed. */
async function heardText(conversation: Flow, answer: FlowContext, jobId: number | null): Promise<string | null> {
  const result =
    jobId === null
      ? null
      : await conversation.external(async (outer) => {
          const row = await outer.deps.services.jobs.get(jobId);
          return (row?.result as VoiceDescriptionResult | null) ?? null;
        });
  if (!result?.ok) {
    await answer.answerCallbackQuery({ text: answer.t(result ? "ai-voice-retry-hint" : "ai-voice-still") });
    return null;
  }
  await answer.answerCallbackQuery();
  await answer.editMessageReplyMarkup().catch(() => undefined);
  return result.text;
}

/** The job: transcribes the voice note and edits its progress message to what was heard, with "✅ Use it". */
export async function transcribeDescriptionJob(
  job: Job,
  row: BackgroundJobRow<VoiceDescriptionInput>,
  publish: (result: VoiceDescriptionResult) => Promise<void>,
): Promise<VoiceDescriptionResult> {
  const { fileId, mimeType, progressMessageId } = row.input;
  const edit = (text: string, keyboard?: InlineKeyboard) =>
    job.api.editMessageText(job.chatId, progressMessageId, text, { reply_markup: keyboard });
  void job.api.sendChatAction(job.chatId, "typing").catch(() => undefined);
  try {
    const idea = await transcribeVoice(job, fileId, mimeType);
    const result: VoiceDescriptionResult = { ok: true, text: idea.transcript };
    await publish(result);
    const heard = job.t("ai-voice-heard", { text: escapeHtml(cutText(idea.transcript, HEARD_SHOWN)) });
    await edit(heard, new InlineKeyboard().text(job.t("ai-btn-voice-use"), USE_HEARD));
    return result;
  } catch (error) {
    job.log.warn({ err: (error as Error).message }, "voice transcription in /new failed");
    await publish({ ok: false });
    await edit(`${faultText(job, error)}\n${job.t("ai-voice-retry-hint")}`).catch(() => undefined);
    return { ok: false };
  }
}

/** A transcription is shown up to this long (a message holds 4096; the description itself may be 3000). */
const HEARD_SHOWN = 3500;

/** After the photo step: "Yes, create a moodboard ✨ / Skip", only when Fal is configured. */
export async function askMoodboardOffer(
  conversation: Flow,
  ctx: FlowContext,
): Promise<{ wanted: boolean; ctx: FlowContext }> {
  const falOn = await conversation.external((outer) => Boolean(outer.deps.services.fal));
  if (!falOn) return { wanted: false, ctx };
  const keyboard = new InlineKeyboard()
    .text(ctx.t("ai-btn-mb-yes"), MOODBOARD_YES)
    .text(ctx.t("project-btn-skip"), MOODBOARD_SKIP);
  await ctx.reply(ctx.t("ai-new-offer-moodboard"), { reply_markup: keyboard });
  const offer = await askButton(
    conversation,
    Buttons.flow,
    (button) => (button.action === "moodboardOffer" ? button.arg === "yes" : undefined),
    () => keyboard,
  );
  await offer.ctx.editMessageReplyMarkup().catch(() => undefined);
  return { wanted: offer.value, ctx: offer.ctx };
}

/** Starts the moodboard in the background once the idea is saved (the flow does not wait for it). */
export async function startMoodboardFromFlow(conversation: Flow, projectId: number): Promise<void> {
  await conversation.external(async (outer) => {
    await startMoodboard(jobFrom(outer), projectId);
  });
}

/** What /new asks of the creative AI (see IdeaSteps). */
export const aiIdeaSteps: IdeaSteps = {
  askDescription: askDescriptionOrVoice,
  askMoodboard: askMoodboardOffer,
  startMoodboard: startMoodboardFromFlow,
};
