import { InlineKeyboard, InputFile } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import type { InputMediaPhoto, Message } from "grammy/types";
import { escapeHtml } from "../../html.ts";
import { cutText } from "../../../domain/text-cut.ts";
import type { MoodboardSource, MoodboardTile } from "../../../db/ai-repository.ts";
import { ASPECTS, type Aspect, type FalProgress } from "../../../services/fal/fal-service.ts";
import { moodboardPromptFor } from "../../../usecases/moodboard.ts";
import { type Job, StatusMessage, hasWords, integration, reportFault } from "../../job.ts";
import { REFERENCE_STRENGTH, referenceUrl, type BoardReference } from "./reference-image.ts";

export interface MoodboardDraft {
  /** Null for a board from a photo sent to the chat: Save makes it an idea first. */
  projectId: number | null;
  projectName: string;
  /** The owner's words the prompt is made from (description, or the name); empty for a board from the photo alone. */
  source: string;
  prompt: string | null;
  seed: number;
  aspect: Aspect;
  tiles: MoodboardTile[];
  albumMessageIds: number[];
  steeringMessageId: number | null;
  /** The tiles last saved to the project (their seeds and URLs): Save on the same tiles again saves nothing. */
  savedTiles?: string;
  /** The tiles whose originals were last sent as files: Originals on the same tiles again sends nothing. */
  originalsSent?: string;
  /** A board from the project's reference picture (image-to-image); absent: from the words alone. */
  reference?: BoardReference;
  /** How the tiles on show were made (a saved board records it). */
  madeWith?: { model: string; source: MoodboardSource };
  /** Upscaled tiles already sent (`tilesKey` of the one tile): the same ⬆️ again sends nothing. */
  upscaled?: string[];
}

/**
 * The words a board from the photo alone gives the model: the picture carries the subject, so the words ask only for a
 * designer's moodboard around it.
 */
export const PHOTO_PROMPT =
  "design moodboard image inspired by the reference: same materials, colour palette, forms and mood, " +
  "product design photography, soft studio light, high detail";

/** Which four images a draft shows now: a re-roll or a new aspect changes it, a second Save tap does not. */
export const tilesKey = (tiles: Pick<MoodboardTile, "seed" | "url">[]) =>
  tiles.map((tile) => `${tile.seed}:${tile.url}`).join("|");

/** What a steering button asks for: all four again, one tile (1–4), variations of one tile, another aspect ratio. */
export type MoodboardRequest =
  | { kind: "all" }
  | { kind: "tile"; index: number }
  | { kind: "vary"; index: number; strength: VaryStrength }
  | { kind: "aspect"; aspect: Aspect };

/** How many images Fal bills for each steering button (shown under the board before anything is tapped). */
export const IMAGES_BILLED = { all: 4, tile: 1, vary: 4, upscale: 1 } as const;

/** Variations of one tile: a little (the tile stays recognisable) or a lot (its idea, drawn anew). */
export type VaryStrength = "subtle" | "strong";
const VARY_STRENGTH: Record<VaryStrength, number> = { subtle: 0.35, strong: 0.7 };
const VARY_CODE: Record<VaryStrength, string> = { subtle: "s", strong: "h" };
/** A vary button's argument back to its tile and strength ("2s" → tile 2, subtle). */
export function varyOf(arg: string | undefined): { index: number; strength: VaryStrength } | undefined {
  const match = /^([1-4])([sh])$/.exec(arg ?? "");
  if (!match) return undefined;
  return { index: Number(match[1]) - 1, strength: match[2] === "s" ? "subtle" : "strong" };
}

type SteeringAction = ButtonOf<typeof Buttons.moodboard>["action"];
export const mbData = (draftId: number, action: SteeringAction, arg?: string | number) =>
  Buttons.moodboard.pack({ draftId, action, arg: arg === undefined ? undefined : String(arg) });
/** The button that asks for `request` again (its Retry). */
export const requestData = (draftId: number, request: MoodboardRequest) =>
  request.kind === "all"
    ? mbData(draftId, "all")
    : request.kind === "tile"
      ? mbData(draftId, "tile", request.index + 1)
      : request.kind === "vary"
        ? mbData(draftId, "vary", `${request.index + 1}${VARY_CODE[request.strength]}`)
        : mbData(draftId, "aspect", request.aspect);

export const randomSeed = () => Math.floor(Math.random() * 2_000_000_000);

/** A board not made yet: a new seed, square, no tiles; from a project (or a loose photo: projectId null). */
export function newBoardDraft(from: {
  projectId: number | null;
  projectName: string;
  source: string;
  reference?: BoardReference;
}): MoodboardDraft {
  const { reference, ...rest } = from;
  return {
    ...rest,
    prompt: null,
    seed: randomSeed(),
    aspect: "1x1",
    tiles: [],
    albumMessageIds: [],
    steeringMessageId: null,
    ...(reference ? { reference } : {}),
  };
}
export const aspectLabel = (aspect: string) => aspect.replace("x", ":");
export const biggestPhoto = (message: Message) => message.photo?.[message.photo.length - 1]?.file_id ?? "";

export function steeringKeyboard(job: Job, draftId: number, aspect: Aspect, standalone = false): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(job.t("ai-btn-mb-all"), mbData(draftId, "all")).row();
  for (let n = 1; n <= 4; n++) keyboard.text(`🎲 ${n}`, mbData(draftId, "tile", n));
  keyboard.row();
  for (const strength of ["subtle", "strong"] as const) {
    for (let n = 1; n <= 4; n++)
      keyboard.text(
        `${strength === "subtle" ? "🔀" : "🌀"} ${n}`,
        mbData(draftId, "vary", `${n}${VARY_CODE[strength]}`),
      );
    keyboard.row();
  }
  for (let n = 1; n <= 4; n++) keyboard.text(`⬆️ ${n}`, mbData(draftId, "upscale", n));
  keyboard.row();
  for (const option of ASPECTS)
    keyboard.text(
      option === aspect ? `• ${aspectLabel(option)} •` : aspectLabel(option),
      mbData(draftId, "aspect", option),
    );
  keyboard
    .row()
    .text(job.t("ai-btn-mb-originals"), mbData(draftId, "originals"))
    .text(job.t(standalone ? "ai-btn-mb-save-idea" : "ai-btn-mb-save"), mbData(draftId, "save"))
    .row()
    .text(job.t("ai-btn-mb-remix"), mbData(draftId, "remix"));
  return keyboard;
}

export function progressText(job: Job, progress: FalProgress): string {
  if (progress.stage === "queued") return job.t("ai-progress-queued", { position: progress.position + 1 });
  return job.t(progress.stage === "generating" ? "ai-progress-generating" : "ai-progress-uploading");
}

/** The English prompt: the photo alone needs no words; the owner's words go through Gemini (or as they are). */
function promptOf(job: Job, data: MoodboardDraft): Promise<string> | string {
  if (!hasWords(data.source) && data.reference) return PHOTO_PROMPT;
  return moodboardPromptFor(job.deps.services.gemini, job.log, data.source);
}

/** How a generation's new tiles are made, as a saved board records it. */
function sourceOf(request: MoodboardRequest, data: MoodboardDraft): MoodboardSource {
  if (request.kind === "vary") return "vary";
  if (!data.reference) return "words";
  return hasWords(data.source) ? "reference" : "photo";
}

/**
 * Generates (all four, or one tile), sends the album and the steering message,
 * and removes the previous album; the draft changes only when all of it worked.
 */
export async function generateMoodboard(
  job: Job,
  draftId: number,
  request: MoodboardRequest,
  status = new StatusMessage(job),
): Promise<void> {
  const key = `mb:${draftId}`;
  if (!job.deps.workspace.busy.claim(key)) return void (await status.finish(job.t("ai-busy")));
  const { stoppable } = job.deps.workspace;
  const stop = stoppable.start(key);
  void status.withButtons(new InlineKeyboard().text(job.t("ai-btn-stop"), mbData(draftId, "stop")));
  try {
    const { ai } = job.deps.repos;
    const fal = integration(job, "fal");
    const draft = await ai.getDraft<MoodboardDraft>(draftId, "moodboard");
    if (!draft) return void (await status.finish(job.t("ai-mb-stale")));
    const data = draft.data;
    try {
      void status.show(job.t("ai-progress-translating"), "upload_photo");
      const prompt = data.prompt ?? (await promptOf(job, data));
      const aspect = request.kind === "aspect" ? request.aspect : data.aspect;
      const one = request.kind === "tile";
      // A re-roll is new; a variation of a tile keeps that tile's seed, so the same vary gives the same images.
      const seed =
        request.kind === "vary"
          ? data.tiles[request.index].seed
          : request.kind === "all" && data.tiles.length === 0
            ? data.seed
            : randomSeed();
      const reference = data.reference && { ...data.reference, falUrl: await referenceUrl(job, data.reference) };
      // A variation starts from the tile's own image at Fal; otherwise from the reference, if the board has one.
      const image =
        request.kind === "vary"
          ? { url: data.tiles[request.index].url, strength: VARY_STRENGTH[request.strength] }
          : reference
            ? { url: reference.falUrl, strength: REFERENCE_STRENGTH }
            : undefined;
      const madeWith = {
        model: image ? fal.imageModel : fal.model,
        source: sourceOf(request, data),
      };
      // What each new tile started from, by its Telegram file (Fal's URLs expire).
      const from = request.kind === "vary" ? data.tiles[request.index].fileId : reference?.fileId;
      const images = await fal.generate({
        prompt,
        seed,
        aspect,
        count: one ? 1 : 4,
        ...(image ? { image } : {}),
        onProgress: (progress) => void status.show(progressText(job, progress), "upload_photo"),
        signal: stop,
      });
      // Fal is done: nothing is left to stop.
      stoppable.end(key, stop);
      status.dropButtons();
      void status.show(job.t("ai-progress-uploading"), "upload_photo");

      const media: InputMediaPhoto[] = [];
      const fresh = new Map<number, { url: string; seed: number }>();
      for (let index = 0; index < 4; index++) {
        const image = one ? (index === request.index ? images[0] : undefined) : images[index];
        if (image) {
          fresh.set(index, { url: image.url, seed: image.seed });
          media.push({ type: "photo", media: new InputFile(image.bytes, `tile-${index + 1}.jpg`) });
        } else media.push({ type: "photo", media: data.tiles[index].fileId });
      }
      const album = await job.api.sendMediaGroup(job.chatId, media);
      const tiles = album.map((message, index): MoodboardTile => {
        const made = fresh.get(index);
        if (!made) return { ...data.tiles[index], fileId: biggestPhoto(message) };
        return { fileId: biggestPhoto(message), ...made, prompt, ...madeWith, ...(from ? { fromFileId: from } : {}) };
      });
      const next: MoodboardDraft = {
        ...data,
        ...(reference ? { reference } : {}),
        madeWith,
        prompt,
        aspect,
        seed: one ? data.seed : seed,
        tiles,
        albumMessageIds: album.map((m) => m.message_id),
      };
      const text = job.t("ai-mb-steering", {
        name: escapeHtml(data.projectName || job.t("ai-mb-photo-title")),
        seed: String(next.seed),
        aspect: aspectLabel(aspect),
        model: escapeHtml(madeWith.model),
        prompt: escapeHtml(cutText(prompt, 700)),
        ...IMAGES_BILLED,
      });
      const steering = await job.api.sendMessage(job.chatId, text, {
        reply_markup: steeringKeyboard(job, draftId, aspect, data.projectId === null),
      });
      next.steeringMessageId = steering.message_id;
      await ai.updateDraft(draftId, next);
      const old = [...data.albumMessageIds, ...(data.steeringMessageId ? [data.steeringMessageId] : [])];
      if (old.length) await job.api.deleteMessages(job.chatId, old).catch(() => undefined);
      await status.remove();
    } catch (error) {
      // Free before Retry shows: it may be tapped the moment it appears.
      job.deps.workspace.busy.release(key);
      await reportFault(job, status, error, requestData(draftId, request));
    }
  } finally {
    stoppable.end(key, stop);
    job.deps.workspace.busy.release(key);
  }
}
