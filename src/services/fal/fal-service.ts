import { createFalClient, type QueueStatus } from "@fal-ai/client";
import { FalError, classifyFalError } from "./fal-error.ts";
import { type FetchedImage, falFileTrust, fetchResultImage } from "./result-fetch.ts";
import { waitForCompletion } from "./queue-wait.ts";

export const ASPECTS = ["1x1", "4x3", "3x4", "16x9"] as const;
export type Aspect = (typeof ASPECTS)[number];

const IMAGE_SIZE: Record<Aspect, string> = {
  "1x1": "square_hd",
  "4x3": "landscape_4_3",
  "3x4": "portrait_4_3",
  "16x9": "landscape_16_9",
};
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export type FalProgress = { stage: "queued"; position: number } | { stage: "generating" } | { stage: "downloading" };

export interface GeneratedImage {
  bytes: Buffer;
  url: string;
  seed: number;
  contentType: string;
}

export interface FalService {
  readonly model: string;
  /** The image-to-image model (FAL_IMAGE_MODEL) used when a reference image is given. */
  readonly imageModel: string;
  /**
   * `count` images for one prompt; image i gets seed `seed + i` (Fal's convention for batches). With `image`, they
   * start from that picture (a URL from `uploadImage`) at `strength` 0–1 (how far they may move from it).
   */
  generate(input: {
    prompt: string;
    seed: number;
    aspect: Aspect;
    count: number;
    image?: { url: string; strength: number };
    onProgress?: (progress: FalProgress) => void;
    /** Aborted: the request is cancelled at Fal and the call fails with the fault "stopped". */
    signal?: AbortSignal;
  }): Promise<GeneratedImage[]>;
  /**
   * Puts the owner's picture in Fal's storage and gives its URL there: Fal's models read images by URL, and a
   * Telegram file URL would carry the bot's token.
   */
  uploadImage(bytes: Uint8Array, contentType: string): Promise<string>;
  download(url: string): Promise<Buffer>;
  /** The upscaler (FAL_UPSCALE_MODEL) and how many times larger its result is on each side. */
  readonly upscaleModel: string;
  readonly upscaleFactor: number;
  /** One image (a URL Fal can read: a result of its own, or from `uploadImage`) made `upscaleFactor` times larger. */
  upscale(input: {
    url: string;
    onProgress?: (progress: FalProgress) => void;
    signal?: AbortSignal;
  }): Promise<UpscaledImage>;
}

export interface UpscaledImage {
  bytes: Buffer;
  url: string;
  contentType: string;
  width?: number;
  height?: number;
}

interface FalOutput {
  images?: { url: string; content_type?: string }[];
  /** An upscaler's one result. */
  image?: { url?: unknown; width?: unknown; height?: unknown };
  seed?: number;
}

/** FLUX [dev] image-to-image: a picture and a prompt in, `strength` deciding how far the result may move. */
export const DEFAULT_IMAGE_MODEL = "fal-ai/flux/dev/image-to-image";
/** AuraSR: a GAN upscaler that makes an image 4× larger on each side (its only factor). */
export const DEFAULT_UPSCALE_MODEL = "fal-ai/aura-sr";

/**
 * An upscaled original is sent as a file: Telegram takes at most 50 MB from a bot, and a 4096 px PNG is 20–40 MB. Only
 * one is held at a time (see the moodboard's upscale job).
 */
export const MAX_UPSCALED_BYTES = 50 * 1024 * 1024;

/** What each upscaler is asked: AuraSR takes only `upscaling_factor` 4; ESRGAN-style models take `scale`. */
function upscaleInput(model: string, url: string): { input: Record<string, unknown>; factor: number } {
  if (model.includes("aura-sr"))
    return { input: { image_url: url, upscaling_factor: 4, overlapping_tiles: true }, factor: 4 };
  return { input: { image_url: url, scale: 2 }, factor: 2 };
}

export function createFalService(config: {
  apiKey: string;
  model: string;
  /** FAL_IMAGE_MODEL. */
  imageModel?: string;
  /** FAL_UPSCALE_MODEL. */
  upscaleModel?: string;
  baseUrl?: string;
  timeoutMs: number;
  retries: boolean;
  /** The status stream failed or ended before COMPLETED (polling carries on); for the log. */
  onStreamEnd?: (error: unknown) => void;
}): FalService {
  const origin = config.baseUrl ? new URL(config.baseUrl).origin : undefined;
  // The SDK's queue calls carry their own retry policy that `retry` cannot switch off; failing fast at
  // fetch level is the only way to turn it off (the error is not one the SDK retries).
  const fetchOnce: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    // The SDK reads a status stream that is not text/event-stream as raw chunks without a catch:
    // aborting it mid-body would be an unhandled rejection. Refused here, it falls back to polling.
    const type = response.headers.get("content-type") ?? "";
    if (
      response.ok &&
      String(input).split("?")[0].endsWith("/status/stream") &&
      !type.startsWith("text/event-stream")
    ) {
      await response.body?.cancel().catch(() => undefined);
      throw new FalError("server", `status stream answered ${type || "without a content type"}`);
    }
    if (!config.retries && RETRYABLE.has(response.status)) {
      throw new FalError(
        response.status === 429 ? "rate" : response.status === 504 ? "timeout" : "server",
        `HTTP ${response.status}`,
      );
    }
    return response;
  };
  const client = createFalClient({
    credentials: config.apiKey,
    fetch: fetchOnce,
    requestMiddleware: async (request) => {
      if (!origin) return request;
      const url = new URL(request.url);
      return { ...request, url: origin + url.pathname + url.search };
    },
  });

  /** Submit, wait for COMPLETED (status stream, polling as fallback), fetch the result; all within FAL_TIMEOUT_MS. */
  async function runQueued(
    model: string,
    input: Record<string, unknown>,
    onProgress: ((progress: FalProgress) => void) | undefined,
    stop?: AbortSignal,
  ): Promise<FalOutput> {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new FalError("timeout", `no result within ${config.timeoutMs} ms`)),
      config.timeoutMs,
    );
    // The owner's ✖️ ends the wait the way the time limit does: the request is cancelled at Fal.
    const stopped = () => deadline.abort(new FalError("stopped", "stopped by the owner"));
    if (stop?.aborted) stopped();
    stop?.addEventListener("abort", stopped, { once: true });
    let requestId: string | undefined;
    let generating = false;
    const onStatus = (status: QueueStatus) => {
      if (status.status === "IN_QUEUE" && !generating)
        onProgress?.({ stage: "queued", position: status.queue_position ?? 0 });
      else if (status.status === "IN_PROGRESS" && !generating) {
        generating = true;
        onProgress?.({ stage: "generating" });
      }
    };
    try {
      ({ request_id: requestId } = await client.queue.submit(model, { input, abortSignal: deadline.signal }));
      await waitForCompletion(client, model, requestId, {
        signal: deadline.signal,
        onStatus,
        onStreamEnd: config.onStreamEnd,
      });
      return (await client.queue.result(model, { requestId, abortSignal: deadline.signal })).data as FalOutput;
    } catch (error) {
      if (!deadline.signal.aborted) throw classifyFalError(error);
      // Fal keeps running (and billing) a request nobody waits for any more.
      if (requestId) client.queue.cancel(model, { requestId }).catch(() => undefined);
      throw deadline.signal.reason;
    } finally {
      clearTimeout(timer);
      stop?.removeEventListener("abort", stopped);
    }
  }

  const trusted = falFileTrust(config.baseUrl);
  /** One result image, only from Fal's own files and only if it is an image (see result-fetch.ts). */
  async function fetchImage(url: string, maxBytes?: number): Promise<FetchedImage> {
    try {
      return await fetchResultImage(url, { trusted, signal: AbortSignal.timeout(30_000), maxBytes });
    } catch (error) {
      throw classifyFalError(error);
    }
  }

  const imageModel = config.imageModel ?? DEFAULT_IMAGE_MODEL;
  const upscaleModel = config.upscaleModel ?? DEFAULT_UPSCALE_MODEL;
  return {
    model: config.model,
    imageModel,
    upscaleModel,
    upscaleFactor: upscaleInput(upscaleModel, "").factor,
    async upscale({ url, onProgress, signal }) {
      const output = await runQueued(upscaleModel, upscaleInput(upscaleModel, url).input, onProgress, signal);
      const image = output.image;
      if (!image || typeof image.url !== "string") throw new FalError("no-images", "the upscaler gave no image");
      onProgress?.({ stage: "downloading" });
      const fetched = await fetchImage(image.url, MAX_UPSCALED_BYTES);
      const side = (value: unknown) => (typeof value === "number" && value > 0 ? { value } : undefined);
      return {
        bytes: fetched.bytes,
        url: image.url,
        contentType: fetched.contentType,
        ...(side(image.width) ? { width: image.width as number } : {}),
        ...(side(image.height) ? { height: image.height as number } : {}),
      };
    },
    download: async (url) => (await fetchImage(url)).bytes,
    async uploadImage(bytes, contentType) {
      try {
        return await client.storage.upload(new Blob([new Uint8Array(bytes)], { type: contentType }));
      } catch (error) {
        throw classifyFalError(error);
      }
    },
    async generate({ prompt, seed, aspect, count, image, onProgress, signal }) {
      const input: Record<string, unknown> = { prompt, image_size: IMAGE_SIZE[aspect], num_images: count, seed };
      if (image) Object.assign(input, { image_url: image.url, strength: image.strength });
      const model = image ? imageModel : config.model;
      if (model.includes("sdxl")) input.negative_prompt = "text, watermark, logo, blurry, low quality, deformed";
      const output = await runQueued(model, input, onProgress, signal);
      const images = (output.images ?? []).slice(0, count);
      if (images.length < count) throw new FalError("no-images", `asked for ${count}, got ${images.length}`);
      const downloads = Promise.all(images.map((image) => fetchImage(image.url)));
      onProgress?.({ stage: "downloading" });
      const baseSeed = typeof output.seed === "number" ? output.seed : seed;
      const fetched = await downloads;
      return images.map((image, index) => ({
        bytes: fetched[index].bytes,
        url: image.url,
        seed: baseSeed + index,
        contentType: fetched[index].contentType,
      }));
    },
  };
}
