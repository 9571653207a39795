/**
 * A template the owner uploads: downloaded, unpacked, checked and test-rendered with sample data. Long work (a ZIP,
 * the sandbox, Chromium): run by a job, never inside an update.
 */
import type { Logger } from "../logger.ts";
import type { RenderFailure } from "../services/pdf/pdf-service.ts";
import type { PdfRenderer } from "../services/pdf/lazy-pdf-service.ts";
import { bundleFromZip, decodeText, isZip, UploadRefusal } from "../services/pdf/template-upload.ts";
import { checkTemplate, type TemplateReport } from "../services/pdf/template-check.ts";
import { sampleCardData, type CardDates } from "../services/pdf/sample-data.ts";
import { IMAGE_LIMITS, oversizedTemplateImages, templateImageSizes } from "../services/pdf/image-limits.ts";
import type { TemplateBundle } from "../domain/template-bundle.ts";

/**
 * Why an upload or a render was refused: `key` names the problem (the bot's text of the same name says it) and
 * `args` are its values.
 */
export interface Problem {
  key: string;
  args: Record<string, string | number>;
}

/** A checked upload: what Save keeps (bundle, source ZIP) and what the owner sees first (page-1 PNG, sample PDF). */
export interface CheckedUpload {
  ok: true;
  bundle: TemplateBundle;
  sourceZip?: Uint8Array;
  /** Page 1 as a JPEG, for the owner's look. */
  preview: Buffer;
  pdf: Buffer;
  report: TemplateReport;
  pages: number;
}

export type Intake = CheckedUpload | ({ ok: false } & Problem);

export interface UploadDeps {
  pdf: PdfRenderer;
  logger: Logger;
  /** Downloads a file the owner sent, by the path getFile gave for it. */
  download(path: string): Promise<Uint8Array>;
}

/** A file the owner sent, as getFile described it. */
export interface TelegramFile {
  path: string;
  name: string;
}

/** The owner's words for a failed render: an engine's own message (a QuickJS abort) never reaches them. */
export function renderProblem(failure: RenderFailure): Problem {
  if (failure.kind === "syntax" || (failure.kind === "runtime" && failure.line !== undefined)) {
    const where = failure.line !== undefined ? { line: failure.line, column: failure.column ?? 1 } : undefined;
    return { key: "tpl-err-syntax", args: { message: failure.message, where: where ? JSON.stringify(where) : "" } };
  }
  if (failure.kind === "timeout") return { key: "tpl-err-timeout", args: {} };
  if (failure.kind === "too-large") return { key: "tpl-err-too-large", args: {} };
  if (failure.kind === "too-complex") {
    const count = Number(failure.message);
    return {
      key: "tpl-err-too-complex",
      args: { count, max: IMAGE_LIMITS.elements, message: `${count} > ${IMAGE_LIMITS.elements}` },
    };
  }
  if (failure.kind === "browser") return { key: "tpl-err-browser", args: {} };
  if (failure.kind === "crashed") return { key: "tpl-err-crashed", args: {} };
  return { key: "tpl-err-render", args: { message: failure.message } };
}

/** Downloads, unpacks, checks and test-renders an upload. */
export async function checkTemplateUpload(
  deps: UploadDeps,
  main: TelegramFile,
  css: TelegramFile | null,
  dates: CardDates,
): Promise<Intake> {
  let bundle: TemplateBundle;
  let sourceZip: Uint8Array | undefined;
  try {
    let mainBytes: Uint8Array;
    let cssBytes: Uint8Array | undefined;
    try {
      mainBytes = await deps.download(main.path);
      cssBytes = css ? await deps.download(css.path) : undefined;
    } catch (error) {
      deps.logger.warn({ err: error }, "template download failed");
      return { ok: false, key: "tpl-err-download", args: {} };
    }
    if (isZip(mainBytes)) {
      bundle = await bundleFromZip(mainBytes);
      sourceZip = mainBytes;
    } else {
      bundle = {
        html: decodeText(mainBytes, main.name),
        css: cssBytes && css ? decodeText(cssBytes, css.name) : null,
        files: new Map(),
      };
    }
  } catch (error) {
    if (error instanceof UploadRefusal) return { ok: false, key: error.key, args: error.args };
    throw error;
  }
  const oversized = oversizedTemplateImages(templateImageSizes(bundle.files))[0];
  if (oversized) {
    const mp = Math.round(IMAGE_LIMITS.templateImagePixels / 1_000_000);
    return {
      ok: false,
      key: "tpl-err-image-pixels",
      args: { path: oversized.path, width: oversized.width, height: oversized.height, mp },
    };
  }
  const report = await checkTemplate(deps.pdf, bundle);
  if (report.syntaxError) {
    const { message, line, column } = report.syntaxError;
    return { ok: false, ...renderProblem({ ok: false, kind: "syntax", message, line, column }) };
  }
  const rendered = await deps.pdf.render(bundle, sampleCardData(dates), { preview: "jpeg" });
  if (!rendered.ok) return { ok: false, ...renderProblem(rendered) };
  if (!rendered.preview) return { ok: false, key: "tpl-err-render", args: { message: "" } };
  return {
    ok: true,
    bundle,
    sourceZip,
    preview: rendered.preview,
    pdf: rendered.pdf,
    report,
    pages: rendered.pageSize.pages,
  };
}
