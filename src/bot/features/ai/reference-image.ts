import type { Job } from "../../job.ts";
import { integration } from "../../job.ts";
import { telegramFileSource } from "../../telegram-files.ts";

/** How far a board from the reference may move from it (Fal's image-to-image `strength`, 0–1). */
export const REFERENCE_STRENGTH = 0.75;

/** The picture a board starts from: the project's reference as Telegram keeps it, and its copy in Fal's storage. */
export interface BoardReference {
  fileId: string;
  /** Set once uploaded: re-rolls of the same draft use the same copy. */
  falUrl?: string;
}

/** What the bytes are, for Fal's storage (a photo is a JPEG; a reference sent as a file may be PNG or WebP). */
function imageType(bytes: Buffer): string {
  if (bytes.subarray(0, 4).toString("hex") === "89504e47") return "image/png";
  if (bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return "image/jpeg";
}

/**
 * The reference's URL in Fal's storage: its bytes are fetched from Telegram and uploaded, never the Telegram file URL
 * (it carries the bot's token). Runs inside the moodboard job, never in an update.
 */
export async function referenceUrl(job: Job, reference: BoardReference): Promise<string> {
  if (reference.falUrl) return reference.falUrl;
  const bytes = await telegramFileSource(job.api, job.deps.config)(reference.fileId);
  return integration(job, "fal").uploadImage(bytes, imageType(bytes));
}
