/**
 * The card's delivery, run by the job runner after "Looks good": the PDF (printed again if a restart lost it), the
 * card saved with the project, then the post. A re-run after a crash finds what the first run had sent.
 */
import { InlineKeyboard, InputFile } from "grammy";
import { escapeHtml } from "../../html.ts";
import { type Job, StatusMessage } from "../../job.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import { cutToUnits } from "../../../domain/text-cut.ts";
import { type CardFailure, cardFileName, printCard } from "../../../usecases/card.ts";
import {
  type CardDeliverInput,
  type CardDeliverResult,
  type Publish,
  cardDeps,
  cardFailureText,
  cardRequest,
} from "./card-jobs.ts";
import { genData } from "./steps.ts";

export const CARD_DELIVER = "card-deliver";

/** Telegram's limit for a message's text. */
const MESSAGE_LIMIT = 4096;

/** The text escaped for HTML within `room` UTF-16 units (escaping lengthens it: `&` is `&amp;`). */
function fitEscaped(text: string, room: number): string {
  let cut = text;
  for (let limit = room; escapeHtml(cut).length > room; limit -= escapeHtml(cut).length - room)
    cut = cutToUnits(text, limit);
  return escapeHtml(cut);
}

/** The card's PDF, printed again if a restart lost the preview's; its Telegram file id, or null. */
async function sendPdf(job: Job, row: BackgroundJobRow<CardDeliverInput>, fileName: string): Promise<string | null> {
  const { make, token } = row.input;
  let pdf = job.deps.workspace.cards.get(token)?.pdf;
  if (!pdf) {
    const drawn = await printCard(cardDeps(job.deps), await cardRequest(job, make, make.texts), {});
    if (!drawn.ok) throw new CardFailureError(drawn);
    pdf = drawn.pdf;
  }
  const sent = await job.api.sendDocument(job.chatId, new InputFile(pdf, fileName));
  job.deps.workspace.cards.delete(token);
  return sent.document?.file_id ?? null;
}

/** A card that could not be printed again for delivery: the owner reads why. */
class CardFailureError extends Error {
  readonly failure: CardFailure;
  constructor(failure: CardFailure) {
    super(failure.code);
    this.failure = failure;
  }
}

/**
 * The PDF (printed again if a restart lost the preview's), then the card saved with the project (the PDF's file id
 * is part of it), then the post — cut to Telegram's limit, so a long post never costs the saved card.
 */
export async function deliverCard(
  job: Job,
  row: BackgroundJobRow<CardDeliverInput>,
  publish: Publish,
): Promise<CardDeliverResult> {
  const status = new StatusMessage(job);
  // What the job has done so far stays in its row through a failure: a Retry finds the PDF it had sent.
  let done = (row.result ?? {}) as Record<string, unknown>;
  const keep: Publish = async (result) => {
    done = { ...done, ...(result as Record<string, unknown>) };
    await publish(done);
  };
  const failed = async (text: string): Promise<CardDeliverResult> => {
    await keep({ outcome: "failed" });
    const keyboard = new InlineKeyboard().text(job.t("gen-btn-retry"), genData("resend", row.id));
    await status.finish(text, keyboard).catch(() => undefined);
    const sent = typeof done.pdfFileId === "string" ? { pdfFileId: done.pdfFileId } : {};
    return { outcome: "failed", ...sent };
  };
  try {
    return await deliverCardWith(job, { ...row, result: done }, status, failed, keep);
  } catch (error) {
    if (error instanceof CardFailureError) return failed(cardFailureText(job.t, error.failure));
    job.log.error({ err: error }, "card delivery failed");
    return failed(job.t("gen-upload-failed"));
  }
}

async function deliverCardWith(
  job: Job,
  row: BackgroundJobRow<CardDeliverInput>,
  status: StatusMessage,
  failed: (text: string) => Promise<CardDeliverResult>,
  publish: Publish,
): Promise<CardDeliverResult> {
  const { t } = job;
  const { make, save } = row.input;
  // Shown before anything is sent: the owner sees what is going on, and the upload starts only once it is there.
  await status.show(t("gen-progress-upload"), "upload_document");
  const name = make.source.name;
  const fileName = cardFileName(name);
  // A re-run after a crash finds the PDF it had sent (its file id was published): it is not sent twice.
  const pdfFileId = (row.result as { pdfFileId?: string } | null)?.pdfFileId ?? (await sendPdf(job, row, fileName));
  if (pdfFileId === null) return failed(t("gen-job-failed"));
  await publish({ outcome: "sending", pdfFileId });
  let projectId: number | null = null;
  if (save) {
    projectId = await job.deps.repos.cards.save(
      {
        target:
          make.source.projectId !== null
            ? { projectId: make.source.projectId }
            : { newProject: { name, description: make.source.description } },
        pdfFileId,
        pdfName: fileName,
        templateName: make.template.name,
        cardText: make.texts.card,
        socialText: make.texts.social,
        draft: make.draft,
        renders: make.renders,
      },
      `card-deliver:${row.id}`,
    );
  }
  const title = t("gen-social-title", { name: escapeHtml(name) });
  const post = `${title}\n\n${fitEscaped(make.texts.social, MESSAGE_LIMIT - title.length - 2)}`;
  const posted = await job.api.sendMessage(job.chatId, post).then(
    () => true,
    (error: unknown) => void job.log.warn({ err: error }, "the social post was not sent"),
  );
  // The PDF went and the card is saved: the owner reads exactly that, and Retry sends only the post.
  if (!posted) return failed(t("gen-post-failed", { name: escapeHtml(name) }));
  const done = t("gen-done", { name: escapeHtml(name) });
  const savedKey = !save
    ? "gen-not-saved"
    : projectId === null
      ? "gen-project-missing"
      : make.source.projectId === null
        ? "gen-saved-new"
        : "gen-saved";
  await status.finish(`${done}\n${t(savedKey, { name: escapeHtml(name) })}`);
  return { outcome: "sent", projectId };
}
