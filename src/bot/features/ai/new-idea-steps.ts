import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { checkDescription } from "../../../domain/project-text.ts";
import { waitStep } from "../projects/ask.ts";
import { Buttons } from "../../buttons.ts";
import { faultText, jobFrom } from "../../job.ts";
import { startMoodboard } from "./moodboard.ts";
import { transcribeVoice } from "./voice.ts";

const MOODBOARD_YES = Buttons.flow.pack({ action: "mb", arg: "yes" });
const MOODBOARD_SKIP = Buttons.flow.pack({ action: "mb", arg: "skip" });

/** The description step of /new: text, or a voice note transcribed by Gemini. */
export async function askDescriptionOrVoice(conversation: Flow): Promise<{ value: string; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation);
    const voice = answer.message?.voice ?? answer.message?.audio;
    const text = answer.message?.text;
    if (voice) {
      await answer.replyWithChatAction("typing").catch(() => undefined);
      const heard = await conversation.external(async (outer) => {
        if (!outer.deps.services.gemini) return { ok: false as const, message: outer.t("ai-voice-off") };
        try {
          const idea = await transcribeVoice(jobFrom(outer), voice.file_id, voice.mime_type ?? "audio/ogg");
          return { ok: true as const, text: idea.transcript };
        } catch (error) {
          outer.log.warn({ err: (error as Error).message }, "voice transcription in /new failed");
          return {
            ok: false as const,
            message: `${faultText(jobFrom(outer), error)}\n${outer.t("ai-voice-retry-hint")}`,
          };
        }
      });
      if (!heard.ok) {
        await answer.reply(heard.message);
        continue;
      }
      const checked = checkDescription(heard.text);
      if (checked.ok) {
        await answer.reply(answer.t("ai-voice-heard", { text: escapeHtml(checked.value) }), { parse_mode: "HTML" });
        return { value: checked.value, ctx: answer };
      }
      await answer.reply(answer.t(checked.key, { length: checked.length ?? 0 }));
      continue;
    }
    if (text === undefined) {
      if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-text") });
      else await answer.reply(answer.t("flow-hint-text"));
      continue;
    }
    const checked = checkDescription(text);
    if (checked.ok) return { value: checked.value, ctx: answer };
    await answer.reply(answer.t(checked.key, { length: checked.length ?? 0 }));
  }
}

/** After the photo step: "Yes, create a moodboard ✨ / Skip", only when Fal is configured. */
export async function askMoodboardOffer(
  conversation: Flow,
  ctx: FlowContext,
): Promise<{ wanted: boolean; ctx: FlowContext }> {
  const falOn = await conversation.external((outer) => Boolean(outer.deps.services.fal));
  if (!falOn) return { wanted: false, ctx };
  const keyboard = new InlineKeyboard()
    .text(ctx.t("btn-mb-yes"), MOODBOARD_YES)
    .text(ctx.t("btn-skip"), MOODBOARD_SKIP);
  await ctx.reply(ctx.t("ai-new-offer-moodboard"), { reply_markup: keyboard });
  for (;;) {
    const answer = await waitStep(conversation);
    const offer = Buttons.flow.unpack(answer.callbackQuery?.data);
    if (offer?.action === "mb") {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup().catch(() => undefined);
      return { wanted: offer.arg === "yes", ctx: answer };
    }
    if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-button") });
    else await answer.reply(answer.t("flow-hint-button"), { reply_markup: keyboard });
  }
}

/** Starts the moodboard in the background once the idea is saved (the flow does not wait for it). */
export async function startMoodboardFromFlow(conversation: Flow, projectId: number): Promise<void> {
  await conversation.external(async (outer) => {
    await startMoodboard(jobFrom(outer), projectId);
  });
}
