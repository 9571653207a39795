/**
 * The generator's long work, run by the job runner off the update path: a card's texts and preview (card-make; its
 * delivery is card-delivery.ts). It tells the owner through one status message and ends with buttons the waiting
 * /generate flow reads; what the flow needs next is the job's stored result.
 */
import { InlineKeyboard, InputFile, type Api } from "grammy";
import { escapeHtml } from "../../html.ts";
import { numericDeadline } from "../../deadline-words.ts";
import { type Job, StatusMessage } from "../../job.ts";
import type { BotDeps } from "../../deps.ts";
import type { Translate } from "../../i18n.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import type { RenderFile } from "../../../db/card-repository.ts";
import type { TextLanguage } from "../../../services/gemini/prompts.ts";
import type { RenderFailure, SkippedPhoto } from "../../../services/pdf/pdf-service.ts";
import {
  type CardDeps,
  type CardFailure,
  type CardRequest,
  type CardTexts,
  type RenderSource,
  printCard,
  ownerTexts,
  writeCardTexts,
} from "../../../usecases/card.ts";
import { cardDatesIn, dayIn, ownerTimeZone } from "../../owner-time-zone.ts";
import { downloadTelegramPath } from "../../telegram-files.ts";
import { type CardSource, type ChosenTemplate, genData } from "./steps.ts";

export const CARD_MAKE = "card-make";

export interface CardMakeInput {
  source: CardSource;
  template: ChosenTemplate;
  renders: RenderFile[];
  draft: string;
  /** null: Gemini writes them (the card is rehearsed with the draft meanwhile). */
  texts: CardTexts | null;
  language: TextLanguage;
  /** When the owner asked (epoch ms): the card's date. */
  now: number;
}

export type CardMakeResult = (
  | { outcome: "preview"; texts: CardTexts; token: string; pages: number }
  | { outcome: "texts-failed" }
  | { outcome: "render-failed"; texts: CardTexts | null }
) & {
  /** The message that offers the result's buttons reached the owner: a re-run after a stop shows nothing again. */
  shown?: true;
};

export interface CardDeliverInput {
  make: CardMakeInput & { texts: CardTexts };
  /** The preview's staged card; gone after a restart, then the PDF is printed again. */
  token: string;
  save: boolean;
}

/** A failed delivery keeps the file id of a PDF it had sent: the row's result is what a Retry starts from. */
export type CardDeliverResult =
  { outcome: "sent"; projectId: number | null } | { outcome: "failed"; pdfFileId?: string };

export function cardDeps(deps: BotDeps): CardDeps {
  const { workspace, config } = deps;
  return {
    templates: deps.repos.templates,
    pdf: deps.services.pdf,
    gemini: deps.services.gemini,
    logger: deps.logger,
    download: (file) =>
      workspace.renderDownloads.get(file.fileId, () => downloadTelegramPath(config, file.path, 60_000)),
  };
}

/** getFile for every render: paths expire, so they are asked anew for each job (downloads are cached by file id). */
async function filePaths(api: Api, renders: RenderFile[]): Promise<RenderSource[]> {
  return Promise.all(
    renders.map(async (render) => ({
      fileId: render.fileId,
      path: (await api.getFile(render.fileId)).file_path ?? "",
    })),
  );
}

/** The project's deadline as cards print days (read now: it may have changed since the flow began). */
async function deadlineDayOf(job: Job, projectId: number | null): Promise<string | null> {
  const deadline = projectId === null ? null : (await job.deps.repos.projects.get(projectId))?.deadline;
  return deadline ? numericDeadline(deadline) : null;
}

export async function cardRequest(job: Job, input: CardMakeInput, texts: CardTexts): Promise<CardRequest> {
  const timeZone = await ownerTimeZone(job.deps);
  return {
    templateId: input.template.id,
    files: await filePaths(job.api, input.renders),
    name: input.source.name,
    createdDay: input.source.createdAt === null ? null : dayIn(timeZone, input.source.createdAt),
    deadlineDay: await deadlineDayOf(job, input.source.projectId),
    draft: input.draft,
    texts,
    dates: cardDatesIn(timeZone, input.now),
  };
}

/** The owner's words for a card that could not be drawn: never an engine's own message. */
export function cardFailureText(t: Translate, failure: CardFailure): string {
  if (failure.code === "renders-not-image") return t("gen-renders-not-image");
  if (failure.code === "download-failed") return t("gen-download-failed");
  return t("gen-render-failed", { reason: escapeHtml(templateReason(t, failure.failure)) });
}

function templateReason(t: Translate, failure: RenderFailure): string {
  if (failure.kind === "crashed") return t("gen-render-engine");
  if (failure.kind === "timeout") return t("gen-render-timeout");
  if (failure.kind === "too-large" || failure.kind === "too-complex") return t("gen-render-too-big");
  return failure.message;
}

/** "⚠️ Left out: photo 2 (damaged), photo 3 (30000×30000 px)". */
function skippedPhotosText(t: Translate, skipped: SkippedPhoto[]): string {
  const items = skipped.map((photo) => {
    if (photo.reason === "too-large")
      return t("gen-photo-too-large", { n: photo.index, width: photo.width ?? 0, height: photo.height ?? 0 });
    if (photo.reason === "over-budget") return t("gen-photo-over-budget", { n: photo.index });
    return t("gen-photo-broken", { n: photo.index });
  });
  return t("gen-photos-skipped", { list: items.join(", ") });
}

/** Texts (unless given) → preview: while Gemini writes, the card is rehearsed with the draft (Chromium warm). */
export async function makeCard(job: Job, row: BackgroundJobRow<CardMakeInput>, publish: Publish) {
  // A stop between the preview and the row's end runs the job again: the owner already has what it showed.
  const earlier = row.result as CardMakeResult | null;
  if (earlier?.shown) return earlier;
  // Its preview may have reached the owner all the same: shown again, it carries the texts the owner may have read.
  if (earlier?.outcome === "preview") row = { ...row, input: { ...row.input, texts: earlier.texts } };
  const status = new StatusMessage(job);
  const shown = async (result: CardMakeResult): Promise<CardMakeResult> => {
    const marked = { ...result, shown: true as const };
    await publish(marked);
    return marked;
  };
  try {
    return await makeCardWith(job, row, status, publish).then(shown);
  } catch (error) {
    // Telegram or the database failed under the job: the owner gets a way on, never silence.
    job.log.error({ err: error }, "card job failed");
    const result: CardMakeResult = { outcome: "render-failed", texts: row.input.texts };
    await publish(result);
    await status.finish(job.t("gen-job-failed"), failedKeyboard(job.t)).catch(() => undefined);
    return shown(result);
  }
}

/** Stores a job's result before the message whose buttons read it (see JobHandler). */
export type Publish = (result: unknown) => Promise<void>;

const failedKeyboard = (t: Translate) =>
  new InlineKeyboard()
    .text(t("gen-btn-retry"), genData("renderAgain"))
    .text(t("gen-btn-other-template"), genData("otherTemplate"));

async function makeCardWith(
  job: Job,
  row: BackgroundJobRow<CardMakeInput>,
  status: StatusMessage,
  publish: Publish,
): Promise<CardMakeResult> {
  const { t } = job;
  const input = row.input;
  const deps = cardDeps(job.deps);
  const given = input.texts;
  // Gemini is asked first: its seconds are the card's wait, and the renders' getFile round trips go beside them.
  const writing =
    given === null
      ? writeCardTexts(deps, input.source.description, input.draft, input.language)
      : Promise.resolve({ ok: true as const, texts: given });
  // One getFile per render for the whole job: the rehearsal and the real render share the paths.
  const request = await cardRequest(job, input, given ?? ownerTexts(input.source.description, input.draft));
  if (given === null) {
    void status.show(t("gen-progress-texts"), "typing");
    // Kept on the browser's page: the card with Gemini's words then only changes its words (no load, no photo fit).
    printCard(deps, request, { keep: true }).catch((error: unknown) =>
      job.log.info({ err: error }, "card rehearsal failed"),
    );
  }
  const written = await writing;
  if (!written.ok) {
    const keyboard = new InlineKeyboard()
      .text(t("gen-btn-retry"), genData("textsFailed", "retry"))
      .text(t("gen-btn-use-draft"), genData("textsFailed", "draft"));
    const reason = t(`ai-fault-gemini-${written.fault}`, { model: job.deps.config.gemini?.model ?? "" });
    await publish({ outcome: "texts-failed" });
    await status.finish(t("gen-texts-failed", { reason }), keyboard);
    return { outcome: "texts-failed" };
  }
  const texts = written.texts;
  void status.show(t("gen-progress-render"), "upload_document");
  // Kept too: after ✏️ Edit or 🔄 Again the card changes only its words again.
  const drawn = await printCard(deps, { ...request, texts }, { preview: "jpeg", keep: true });
  if (!drawn.ok || !drawn.preview) {
    await publish({ outcome: "render-failed", texts });
    await status.finish(drawn.ok ? t("gen-job-failed") : cardFailureText(t, drawn), failedKeyboard(t));
    return { outcome: "render-failed", texts };
  }
  const token = job.deps.workspace.cards.put({ pdf: drawn.pdf, preview: drawn.preview });
  const preview = t("gen-preview-caption", {
    name: escapeHtml(input.source.name),
    template: escapeHtml(input.template.name),
    pages: drawn.pages,
  });
  const caption = drawn.skipped.length ? `${preview}\n${skippedPhotosText(t, drawn.skipped)}` : preview;
  const result: CardMakeResult = { outcome: "preview", texts, token, pages: drawn.pages };
  await publish(result);
  // The preview goes first; the progress line leaves after it (not one Telegram round trip before it).
  await job.api.sendPhoto(job.chatId, new InputFile(drawn.preview, "preview.jpg"), {
    caption,
    reply_markup: previewKeyboard(t, row.id),
  });
  await status.remove();
  return result;
}

function previewKeyboard(t: Translate, jobId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("gen-btn-ok"), genData("looksGood", jobId))
    .row()
    .text(t("gen-btn-regenerate"), genData("regenerate", jobId))
    .text(t("gen-btn-edit"), genData("editTexts", jobId))
    .row()
    .text(t("gen-btn-other-template"), genData("otherTemplate", jobId));
}
