/**
 * The PDF card of a project: its texts (Gemini, or the owner's own) and its render (sandbox + Chromium). Long work:
 * called only from jobs, never inside an update. Results are typed with domain codes; the bot words them.
 */
import type { Logger } from "../logger.ts";
import type { TemplateRepository } from "../db/template-repository.ts";
import type { GeminiService } from "../services/gemini/gemini-service.ts";
import { classifyGeminiError } from "../services/gemini/gemini-service.ts";
import { ideaDraft, type TextLanguage } from "../services/gemini/prompts.ts";
import { builtinTemplate } from "../services/pdf/builtin-template.ts";
import type { PdfRenderer } from "../services/pdf/lazy-pdf-service.ts";
import type { CardData, PreviewFormat, RenderFailure, SkippedPhoto } from "../services/pdf/pdf-service.ts";
import type { CardDates } from "../services/pdf/sample-data.ts";

export interface CardTexts {
  card: string;
  social: string;
}

/** A render sent by the owner: its Telegram file id and the path getFile gave for it (paths expire). */
export interface RenderSource {
  fileId: string;
  path: string;
}

export interface CardRequest {
  templateId: number;
  files: RenderSource[];
  name: string;
  /** The project's creation day as printed (owner's zone), or null for a card entered by hand. */
  createdDay: string | null;
  /** The project's deadline as cards print days; null without one. */
  deadlineDay?: string | null;
  draft: string;
  texts: CardTexts;
  dates: CardDates;
}

export interface CardDeps {
  templates: Pick<TemplateRepository, "get">;
  pdf: PdfRenderer;
  gemini?: GeminiService;
  logger: Logger;
  /** Downloads one render (shared and cached by the caller: rehearsal and real render fetch it once). */
  download(file: RenderSource): Promise<Uint8Array>;
}

export type TextsOutcome = { ok: true; texts: CardTexts } | { ok: false; fault: string };

/** Why a card could not be drawn, as codes the bot words. `template` carries the renderer's own verdict. */
export type CardFailure =
  | { ok: false; code: "renders-not-image" }
  | { ok: false; code: "download-failed" }
  | { ok: false; code: "template"; failure: RenderFailure };

export type DrawnCard =
  { ok: true; pdf: Buffer; preview?: Buffer; pages: number; skipped: SkippedPhoto[] } | CardFailure;

/** The owner's own texts: what the card says without Gemini (or when they choose their draft). */
export const ownerTexts = (description: string, draft: string): CardTexts => ({
  card: [description.trim(), draft.trim()].filter(Boolean).join("\n\n"),
  social: draft.trim(),
});

/** Card description and social post from Gemini in parallel; without Gemini the owner's texts as they are. */
export async function writeCardTexts(
  deps: Pick<CardDeps, "gemini" | "logger">,
  description: string,
  draft: string,
  language: TextLanguage,
): Promise<TextsOutcome> {
  const gemini = deps.gemini;
  if (!gemini) return { ok: true, texts: ownerTexts(description, draft) };
  try {
    return { ok: true, texts: await gemini.generateTexts(ideaDraft(description, draft), language) };
  } catch (error) {
    const fault = classifyGeminiError(error);
    deps.logger.warn({ err: fault }, "generator texts failed");
    return { ok: false, fault: fault.fault };
  }
}

function sniffImageExtension(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8) return "jpg";
  if (b.length > 8 && b.readUInt32BE(0) === 0x89504e47) return "png";
  if (b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (b.length > 6 && b.toString("latin1", 0, 3) === "GIF") return "gif";
  return undefined;
}

/** The card template's data contract: what every card template is given (see CARD_VARIABLES). */
export function cardData(request: CardRequest, images: CardData["images"]): CardData {
  return {
    project_name: request.name,
    project_description: request.texts.card,
    social_text: request.texts.social,
    status: "archived",
    created_at: request.createdDay ?? request.dates.current_date,
    owner_notes: request.draft,
    project_deadline: request.deadlineDay ?? "",
    ...request.dates,
    images,
  };
}

/** Downloads the renders, fills the template and prints the card (and page 1 as an image when `preview`). */
export async function printCard(
  deps: CardDeps,
  request: CardRequest,
  options: { preview?: PreviewFormat; keep?: boolean },
): Promise<DrawnCard> {
  const started = Date.now();
  const stored = request.templateId === 0 ? null : await deps.templates.get(request.templateId);
  const bundle = stored?.bundle ?? builtinTemplate();
  const images: CardData["images"] = [];
  try {
    // All at once: over the real Bot API each download is a round trip.
    const downloads = await Promise.all(request.files.map((file) => deps.download(file)));
    for (const bytes of downloads) {
      const extension = sniffImageExtension(bytes);
      if (!extension) return { ok: false, code: "renders-not-image" };
      images.push({ bytes, extension });
    }
  } catch (error) {
    deps.logger.warn({ err: error }, "render download failed");
    return { ok: false, code: "download-failed" };
  }
  const phases: Record<string, number> = {};
  const result = await deps.pdf.render(bundle, cardData(request, images), {
    preview: options.preview,
    keep: options.keep,
    // Each step's time goes to the log: where a slow card spent it.
    onPhase: (phase, ms) => (phases[phase] = Math.round((phases[phase] ?? 0) + ms)),
  });
  if (!result.ok) {
    deps.logger.warn({ kind: result.kind, message: result.message }, "card render failed");
    return { ok: false, code: "template", failure: result };
  }
  const { pdf, preview } = result;
  const pages = result.pageSize.pages;
  const ms = Date.now() - started;
  deps.logger.info({ ms, images: images.length, pdfBytes: pdf.length, pages, phases }, "card drawn");
  if (result.skipped.length > 0) deps.logger.warn({ skipped: result.skipped }, "photos left out of the card");
  return { ok: true, pdf, preview, pages, skipped: result.skipped };
}

/** `<name>_Card.pdf` with letters (Cyrillic too), digits, `-` and `_` only. */
export function cardFileName(name: string): string {
  const safe = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}-]+/gu, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return `${[...safe].slice(0, 60).join("") || "Project"}_Card.pdf`;
}
