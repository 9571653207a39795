/**
 * The template manager's long work, run by the job runner: an upload's check and test render (template-check), and
 * the sample of a saved template (template-preview). Each speaks to the owner through the message it was given.
 */
import { InlineKeyboard, InputFile } from "grammy";
import { escapeHtml } from "../../html.ts";
import type { Job } from "../../job.ts";
import type { BotDeps } from "../../deps.ts";
import { cardDatesIn, ownerTimeZone } from "../../owner-time-zone.ts";
import { downloadTelegramPath } from "../../telegram-files.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import { builtinTemplate } from "../../../services/pdf/builtin-template.ts";
import { sampleCardData } from "../../../services/pdf/sample-data.ts";
import {
  type TelegramFile,
  type UploadDeps,
  checkTemplateUpload,
  renderProblem,
} from "../../../usecases/template-upload.ts";
import { problemText, reportText, saveKeyboard, templateData } from "./ui.ts";

export const TEMPLATE_CHECK = "template-check";
export const TEMPLATE_PREVIEW = "template-preview";

/** A document the owner sent, by Telegram file id (its download path is asked for when the job runs). */
interface SentFile {
  fileId: string;
  name: string;
}

export interface TemplateCheckInput {
  name: string;
  main: SentFile;
  css: SentFile | null;
  /** "Checking…": edited to the report, or to the problem with a request for another file. */
  progressMessageId: number;
  now: number;
}

/** What Save / Discard read: the staged upload's token, or that the owner must send another file. */
export type TemplateCheckResult = { ok: true; token: string } | { ok: false };

export interface TemplatePreviewInput {
  templateId: number;
  name: string;
  progressMessageId: number;
}

/** Stores a job's result before the message whose buttons read it (see JobHandler). */
type Publish = (result: unknown) => Promise<void>;

const uploadDeps = (deps: BotDeps): UploadDeps => ({
  pdf: deps.services.pdf,
  logger: deps.logger,
  download: (path) => downloadTelegramPath(deps.config, path),
});

/** Checks and test-renders an upload; the sample PDF carries Save / Discard, which the waiting flow reads. */
export async function checkTemplateJob(
  job: Job,
  row: BackgroundJobRow<TemplateCheckInput>,
  publish: Publish,
): Promise<TemplateCheckResult> {
  const { api, chatId, t, deps } = job;
  const { name, main, css, progressMessageId, now } = row.input;
  const edit = (text: string) => api.editMessageText(chatId, progressMessageId, text);
  void api.sendChatAction(chatId, "upload_document").catch(() => undefined);
  const dates = cardDatesIn(await ownerTimeZone(deps), now);
  const located = async (file: SentFile): Promise<TelegramFile> => ({
    name: file.name,
    path: (await api.getFile(file.fileId)).file_path ?? "",
  });
  const files = Promise.all([located(main), css && located(css)]);
  const intake = await files
    .then(([mainFile, cssFile]) => checkTemplateUpload(uploadDeps(deps), mainFile, cssFile, dates))
    .catch((error: unknown) => {
      job.log.error({ err: error }, "template check failed");
      return { ok: false as const, key: "tpl-err-render", args: { message: "" } };
    });
  if (!intake.ok) {
    await publish({ ok: false });
    await edit(`${problemText(t, intake)}\n\n${t("tpl-ask-file")}`);
    return { ok: false };
  }
  const { bundle, sourceZip, preview, pdf } = intake;
  const token = deps.workspace.templates.put({ bundle, sourceZip, preview, pdf });
  await publish({ ok: true, token });
  await edit(reportText(t, intake.report));
  await api.sendPhoto(chatId, new InputFile(preview, "preview.jpg"), {
    caption: t("tpl-preview-caption", { name: escapeHtml(name), pages: intake.pages }),
  });
  await api.sendDocument(chatId, new InputFile(pdf, "sample.pdf"), {
    caption: t("tpl-save-question", { name: escapeHtml(name) }),
    reply_markup: saveKeyboard(t),
  });
  return { ok: true, token };
}

/** A saved template (or the built-in one) printed with sample data: page-1 PNG and the sample PDF. */
export async function previewTemplateJob(job: Job, row: BackgroundJobRow<TemplatePreviewInput>): Promise<void> {
  const { api, chatId, t, deps } = job;
  const { templateId, name, progressMessageId } = row.input;
  void api.sendChatAction(chatId, "upload_document").catch(() => undefined);
  const stored = templateId === 0 ? null : await deps.repos.templates.get(templateId);
  const dates = cardDatesIn(await ownerTimeZone(deps), Date.now());
  const result = await deps.services.pdf.render(stored?.bundle ?? builtinTemplate(), sampleCardData(dates), {
    preview: "jpeg",
  });
  if (!result.ok || !result.preview) {
    const problem = result.ok ? { key: "tpl-err-render", args: { message: "" } } : renderProblem(result);
    await api.editMessageText(chatId, progressMessageId, problemText(t, problem));
    return;
  }
  await api.deleteMessage(chatId, progressMessageId).catch(() => undefined);
  await api.sendPhoto(chatId, new InputFile(result.preview, "preview.jpg"), {
    caption: t("tpl-preview-caption", { name: escapeHtml(name), pages: result.pageSize.pages }),
  });
  await api.sendDocument(chatId, new InputFile(result.pdf, "sample.pdf"), {
    reply_markup: new InlineKeyboard().text(t("common-btn-back"), templateData(templateId, "open")),
  });
}
