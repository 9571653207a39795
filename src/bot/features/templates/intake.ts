import type { BotDeps } from "../../deps.ts";
import { downloadTelegramPath } from "../../telegram-files.ts";
import type { TemplateBundle, RenderFailure } from "../../../services/pdf/pdf-service.ts";
import { bundleFromZip, decodeText, isZip, UploadRefusal } from "../../../services/pdf/template-upload.ts";
import { checkTemplate, type TemplateReport } from "../../../services/pdf/template-check.ts";
import { sampleCardData, type CardDates } from "../../../services/pdf/sample-data.ts";
import { IMAGE_LIMITS, oversizedTemplateImages, templateImageSizes } from "../../../services/pdf/image-limits.ts";

export interface Problem {
  key: string;
  args: Record<string, string | number>;
}

export type Intake = { ok: true; token: string; report: TemplateReport; pages: number } | ({ ok: false } & Problem);

/** A file the owner sent, as getFile described it. */
export interface TelegramFile {
  path: string;
  name: string;
}

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
  if (failure.kind === "browser") return { key: "tpl-err-browser", args: { message: failure.message } };
  return { key: "tpl-err-render", args: { message: failure.message } };
}

/** Downloads, unpacks, checks and test-renders an upload; the result waits in memory for Save/Discard. */
export async function intakeUpload(
  deps: BotDeps,
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
      mainBytes = await downloadTelegramPath(deps.config, main.path);
      cssBytes = css ? await downloadTelegramPath(deps.config, css.path) : undefined;
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
  const report = await checkTemplate(deps.services.pdf, bundle);
  if (report.syntaxError) {
    const { message, line, column } = report.syntaxError;
    return { ok: false, ...renderProblem({ ok: false, kind: "syntax", message, line, column }) };
  }
  const rendered = await deps.services.pdf.render(bundle, sampleCardData(dates), { png: true });
  if (!rendered.ok) return { ok: false, ...renderProblem(rendered) };
  if (!rendered.png) return { ok: false, key: "tpl-err-render", args: {} };
  const token = deps.workspace.templates.put({ bundle, sourceZip, png: rendered.png, pdf: rendered.pdf });
  return { ok: true, token, report, pages: rendered.pageSize.pages };
}
