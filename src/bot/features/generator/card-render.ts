import type { BotDeps } from "../../deps.ts";
import { dayIn, englishDayIn, ownerTimeZone } from "../../owner-time-zone.ts";
import { builtinTemplate } from "../../../services/pdf/builtin-template.ts";
import { classifyGeminiError } from "../../../services/gemini/gemini-service.ts";
import { ideaDraft } from "../../../services/gemini/prompts.ts";
import { renderProblem } from "../templates/intake.ts";
import { downloadTelegramPath } from "../../telegram-files.ts";
import type { TextLanguage } from "../../../services/gemini/prompts.ts";
import type { SkippedPhoto } from "../../../services/pdf/pdf-service.ts";

export interface CardTexts {
  card: string;
  social: string;
}

export interface CardRequest {
  templateId: number;
  /** Each render's file id and the path getFile gave for it. */
  files: { fileId: string; path: string }[];
  name: string;
  createdAt: string | null;
  draft: string;
  texts: CardTexts;
  /** When the card is made (epoch ms, from conversation.now()); printed in the owner's zone. */
  now: number;
}

export type CardRender =
  | { ok: true; token: string; pages: number; skipped?: SkippedPhoto[] }
  | { ok: false; key: string; args: Record<string, string | number> };

export type TextsOutcome = { ok: true; texts: CardTexts } | { ok: false; fault: string };

/** Card description and social post from Gemini in parallel; without Gemini the owner's texts as they are. */
export async function writeTexts(
  deps: BotDeps,
  description: string,
  draft: string,
  language: TextLanguage,
): Promise<TextsOutcome> {
  const gemini = deps.services.gemini;
  if (!gemini) return { ok: true, texts: ownerTexts(description, draft) };
  try {
    return { ok: true, texts: await gemini.generateTexts(ideaDraft(description, draft), language) };
  } catch (error) {
    const fault = classifyGeminiError(error);
    deps.logger.warn({ err: fault }, "generator texts failed");
    return { ok: false, fault: fault.fault };
  }
}

export const ownerTexts = (description: string, draft: string): CardTexts => ({
  card: [description.trim(), draft.trim()].filter(Boolean).join("\n\n"),
  social: draft.trim(),
});

function sniffImageExtension(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8) return "jpg";
  if (b.length > 8 && b.readUInt32BE(0) === 0x89504e47) return "png";
  if (b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (b.length > 6 && b.toString("latin1", 0, 3) === "GIF") return "gif";
  return undefined;
}

/** A download in flight is shared: the real render may start while the rehearsal still downloads. */
function renderImage(deps: BotDeps, file: { fileId: string; path: string }): Promise<Uint8Array> {
  return deps.workspace.renderDownloads.get(file.fileId, () => downloadTelegramPath(deps.config, file.path));
}

/**
 * Renders the card in the background and drops it: the renders get downloaded and their fitted copies
 * made (both cached), so the real render after Gemini's texts finds them ready. Returns at once.
 */
export function rehearseCard(deps: BotDeps, request: CardRequest): void {
  const started = Date.now();
  drawCard(deps, request, { png: false })
    .then(
      (outcome) =>
        outcome.ok || deps.logger.info({ ms: Date.now() - started, problem: outcome.key }, "card rehearsal failed"),
    )
    .catch((error: unknown) => deps.logger.warn({ err: error }, "card rehearsal failed"));
}

/** Downloads the renders, fills the template and renders PDF + page-1 PNG; the result waits under a token. */
export async function renderCard(deps: BotDeps, request: CardRequest): Promise<CardRender> {
  const drawn = await drawCard(deps, request, { png: true });
  if (!drawn.ok) return drawn;
  if (!drawn.png) throw new Error("the renderer returned no page image");
  return {
    ok: true,
    token: deps.workspace.cards.put({ pdf: drawn.pdf, png: drawn.png }),
    pages: drawn.pages,
    skipped: drawn.skipped,
  };
}

type DrawnCard =
  | { ok: true; pdf: Buffer; png?: Buffer; pages: number; skipped: SkippedPhoto[] }
  | { ok: false; key: string; args: Record<string, string | number> };

async function drawCard(deps: BotDeps, request: CardRequest, options: { png: boolean }): Promise<DrawnCard> {
  const started = Date.now();
  const stored = request.templateId === 0 ? null : await deps.repos.templates.get(request.templateId);
  const bundle = stored?.bundle ?? builtinTemplate();
  let images: { bytes: Uint8Array; extension: string }[];
  try {
    // All at once: over the real Bot API each download is a round trip the owner waits for.
    const downloads = await Promise.all(request.files.map((file) => renderImage(deps, file)));
    images = [];
    for (const bytes of downloads) {
      const extension = sniffImageExtension(bytes);
      if (!extension) return { ok: false, key: "gen-renders-not-image", args: {} };
      images.push({ bytes, extension });
    }
  } catch (error) {
    deps.logger.warn({ err: error }, "render download failed");
    return { ok: false, key: "gen-download-failed", args: {} };
  }
  const timeZone = await ownerTimeZone(deps);
  const phases: Record<string, number> = {};
  const result = await deps.services.pdf.render(
    bundle,
    {
      project_name: request.name,
      project_description: request.texts.card,
      social_text: request.texts.social,
      status: "archived",
      created_at: dayIn(timeZone, request.createdAt ?? request.now),
      owner_notes: request.draft,
      current_date: dayIn(timeZone, request.now),
      current_date_en: englishDayIn(timeZone, request.now),
      images,
    },
    // Each step's time goes to the log: where a slow card spent it.
    { png: options.png, onPhase: (phase, ms) => (phases[phase] = Math.round((phases[phase] ?? 0) + ms)) },
  );
  if (!result.ok) {
    const problem = renderProblem(result);
    return { ok: false, key: "gen-render-failed", args: { reason: String(problem.args.message ?? result.kind) } };
  }
  deps.logger.info(
    {
      ms: Date.now() - started,
      images: images.length,
      pdfBytes: result.pdf.length,
      pages: result.pageSize.pages,
      phases,
    },
    options.png ? "card rendered" : "card rehearsed",
  );
  if (result.skipped.length > 0) deps.logger.warn({ skipped: result.skipped }, "photos left out of the card");
  return { ok: true, pdf: result.pdf, png: result.png, pages: result.pageSize.pages, skipped: result.skipped };
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
