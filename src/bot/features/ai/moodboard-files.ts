import { InlineKeyboard, InputFile } from "grammy";
import type { FalProgress } from "../../../services/fal/fal-service.ts";
import { type Job, StatusMessage, integration, reportFault } from "../../job.ts";
import { type MoodboardDraft, mbData, tilesKey } from "./moodboard-job.ts";

/** Sends the four images as files (Telegram recompresses photos); needs Fal's URLs to still be alive. */
export async function sendOriginals(job: Job, draft: { id: number; data: MoodboardDraft }): Promise<void> {
  const status = new StatusMessage(job);
  try {
    await status.show(job.t("ai-progress-originals"), "upload_document");
    const files = await Promise.all(draft.data.tiles.map((tile) => integration(job, "fal").download(tile.url)));
    await job.api.sendMediaGroup(
      job.chatId,
      files.map((bytes, index) => ({
        type: "document" as const,
        media: new InputFile(bytes, `moodboard-${draft.data.tiles[index].seed}-${index + 1}.jpg`),
      })),
    );
    const current = await job.deps.repos.ai.getDraft<MoodboardDraft>(draft.id, "moodboard");
    if (current)
      await job.deps.repos.ai.updateDraft(draft.id, { ...current.data, originalsSent: tilesKey(draft.data.tiles) });
    await status.remove();
  } catch (error) {
    await reportFault(job, status, error, mbData(draft.id, "originals"));
  }
}

/** One upscale at a time in the whole bot: its result is up to 50 MB, held until Telegram has it. */
export const UPSCALE_KEY = "mb-upscale";

/** Whether this tile (as it is now) was already upscaled and sent: the same ⬆️ again sends nothing. */
export const upscaleSent = (data: MoodboardDraft, index: number) =>
  data.tiles[index] !== undefined && (data.upscaled ?? []).includes(tilesKey([data.tiles[index]]));

const EXTENSION: Record<string, string> = { "image/png": "png", "image/webp": "webp", "image/jpeg": "jpg" };

function upscaleProgress(job: Job, progress: FalProgress, n: number): string {
  if (progress.stage === "queued") return job.t("ai-progress-queued", { position: progress.position + 1 });
  return job.t(progress.stage === "generating" ? "ai-progress-upscaling" : "ai-progress-upscaled-sending", { n });
}

/**
 * ⬆️ One tile made larger by Fal's upscaler and sent as a file (uncompressed: a photo would be shrunk back to 1280 px).
 * Runs as a background job; the draft records the tile once it is sent.
 */
export async function upscaleTile(job: Job, draft: { id: number; data: MoodboardDraft }, index: number): Promise<void> {
  const status = new StatusMessage(job);
  const tile = draft.data.tiles[index];
  const n = index + 1;
  const { stoppable } = job.deps.workspace;
  const stop = stoppable.start(UPSCALE_KEY);
  try {
    const fal = integration(job, "fal");
    void status.withButtons(new InlineKeyboard().text(job.t("ai-btn-stop"), mbData(draft.id, "stop", "up")));
    await status.show(job.t("ai-progress-upscaling", { n }), "upload_document");
    const image = await fal.upscale({
      url: tile.url,
      onProgress: (progress) => void status.show(upscaleProgress(job, progress, n), "upload_document"),
      signal: stop,
    });
    stoppable.end(UPSCALE_KEY, stop);
    status.dropButtons();
    const name = `moodboard-${tile.seed}-${n}-${fal.upscaleFactor}x.${EXTENSION[image.contentType] ?? "png"}`;
    const size = image.width && image.height ? `${image.width}×${image.height}` : "none";
    await job.api.sendDocument(job.chatId, new InputFile(image.bytes, name), {
      caption: job.t("ai-mb-upscaled", { n, factor: fal.upscaleFactor, size }),
    });
    const current = await job.deps.repos.ai.getDraft<MoodboardDraft>(draft.id, "moodboard");
    if (current) {
      const upscaled = [...(current.data.upscaled ?? []), tilesKey([tile])].slice(-16);
      await job.deps.repos.ai.updateDraft(draft.id, { ...current.data, upscaled });
    }
    await status.remove();
  } catch (error) {
    await reportFault(job, status, error, mbData(draft.id, "upscale", n));
  } finally {
    stoppable.end(UPSCALE_KEY, stop);
  }
}
