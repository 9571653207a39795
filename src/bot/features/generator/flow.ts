import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { textLanguage } from "../../text-language.ts";
import { waitStep } from "../../flow/wait-step.ts";
import { startJob } from "../../flow/start-job.ts";
import { Buttons } from "../../buttons.ts";
import { ownerTexts } from "../../../usecases/card.ts";
import { CARD_DELIVER } from "./card-delivery.ts";
import { CARD_MAKE, type CardDeliverInput, type CardMakeInput, type CardMakeResult } from "./card-jobs.ts";
import {
  type GeneratorStep,
  askDraft,
  askReplacement,
  collectRenders,
  pickSource,
  pickTemplate,
  waitChoice,
  genData,
} from "./steps.ts";

export const GENERATOR_FLOW = "generate-card";

/** Which of the generator's buttons each outcome of a card job shows (the rest are an older screen's). */
const ANSWERS: Record<CardMakeResult["outcome"], GeneratorStep[]> = {
  preview: ["looksGood", "regenerate", "editTexts", "otherTemplate"],
  "texts-failed": ["textsFailed"],
  "render-failed": ["renderAgain", "otherTemplate"],
};

type CardTap = FlowContext & { step: GeneratorStep; arg: string | undefined; result: CardMakeResult };

/**
 * Waits for the owner's answer to the card job `jobId`: a tap on the buttons its result message shows. A tap while
 * the job still runs says so; a tap on an older preview says it is outdated; other screens' buttons pass through.
 */
async function waitForCard(conversation: Flow, jobId: number): Promise<CardTap> {
  for (;;) {
    const answer = await waitStep(conversation, Buttons.generator);
    const button = Buttons.generator.unpack(answer.callbackQuery?.data);
    if (!button) {
      await answer.reply(answer.t("common-flow-hint-button"));
      continue;
    }
    const job = await conversation.external(async (outer) => {
      const row = await outer.deps.services.jobs.get(jobId);
      return row && { result: row.result as CardMakeResult | null };
    });
    // A result is published before the buttons that read it are shown, so a quick tap finds it.
    if (!job?.result) {
      await answer.answerCallbackQuery({ text: answer.t("gen-still-working") });
      continue;
    }
    const forThisJob = ANSWERS[job.result.outcome].includes(button.step);
    const previewOfThisJob = job.result.outcome !== "preview" || button.arg === String(jobId);
    if (!forThisJob || !previewOfThisJob) {
      await answer.answerCallbackQuery({ text: answer.t("gen-button-outdated") });
      continue;
    }
    await answer.answerCallbackQuery();
    return Object.assign(answer, { step: button.step, arg: button.arg, result: job.result });
  }
}

/** "Which text?" → the replacement; returns the card's texts with it. */
async function editTexts(conversation: Flow, ctx: FlowContext, texts: { card: string; social: string }) {
  await ctx.reply(ctx.t("gen-edit-which"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("gen-btn-edit-card"), genData("editTexts", "card"))
      .text(ctx.t("gen-btn-edit-social"), genData("editTexts", "social")),
  });
  const which = await waitChoice(conversation, ["editTexts"], ["card", "social"]);
  const kind = which.choice.arg as "card" | "social";
  const replaced = await askReplacement(conversation, which, texts[kind]);
  return { texts: { ...texts, [kind]: replaced.text }, ctx: replaced.ctx };
}

/** A project entered by hand is saved only when the owner says so. */
async function askSave(conversation: Flow, ctx: FlowContext, make: CardMakeInput): Promise<boolean> {
  if (make.source.projectId !== null) return true;
  await ctx.reply(ctx.t("gen-ask-save-project", { name: escapeHtml(make.source.name) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("gen-btn-save-yes"), genData("saveProject", "y"))
      .text(ctx.t("gen-btn-save-no"), genData("saveProject", "n")),
  });
  const answer = await waitChoice(conversation, ["saveProject"], ["y", "n"]);
  return answer.choice.arg === "y";
}

/**
 * /generate: project → template → renders → draft, then the card's texts and preview run as a job (Gemini and
 * Chromium never hold an update); the owner's taps on its result steer the next job, "Looks good" delivers.
 */
export async function generatorFlow(conversation: Flow, ctx: FlowContext, preselectedId?: number) {
  const picked = await pickSource(conversation, ctx, preselectedId);
  const chosen = await pickTemplate(conversation, picked.ctx, picked.source.name);
  const collected = await collectRenders(conversation, chosen.ctx);
  const draft = await askDraft(conversation, collected.ctx);
  const setup = await conversation.external(async (outer) => ({
    geminiOn: outer.deps.services.gemini !== undefined,
    language: await textLanguage(outer.deps.repos.settings, outer),
  }));
  if (!setup.geminiOn) await draft.ctx.reply(draft.ctx.t("gen-gemini-off"));
  let make: CardMakeInput = {
    source: picked.source,
    template: chosen.template,
    renders: collected.renders,
    draft: draft.text,
    texts: setup.geminiOn ? null : ownerTexts(picked.source.description, draft.text),
    language: setup.language,
    now: await conversation.now(),
  };
  let jobId = await startJob(conversation, CARD_MAKE, make);
  for (;;) {
    const tap = await waitForCard(conversation, jobId);
    const { result } = tap;
    const texts = result.outcome === "texts-failed" ? null : result.texts;
    if (tap.step === "looksGood" && result.outcome === "preview") {
      const save = await askSave(conversation, tap, make);
      const deliver: CardDeliverInput = { make: { ...make, texts: result.texts }, token: result.token, save };
      await startJob(conversation, CARD_DELIVER, deliver);
      return;
    }
    if (tap.step === "regenerate" && !setup.geminiOn) {
      await tap.reply(tap.t("gen-regenerate-off"));
      continue;
    }
    if (tap.step === "textsFailed")
      make = { ...make, texts: tap.arg === "draft" ? ownerTexts(make.source.description, make.draft) : null };
    if (tap.step === "regenerate") make = { ...make, texts: null };
    if (tap.step === "renderAgain") make = { ...make, texts };
    if (tap.step === "otherTemplate") {
      const other = await pickTemplate(conversation, tap, make.source.name);
      make = { ...make, template: other.template, texts };
    }
    if (tap.step === "editTexts" && texts) make = { ...make, texts: (await editTexts(conversation, tap, texts)).texts };
    jobId = await startJob(conversation, CARD_MAKE, make);
  }
}
