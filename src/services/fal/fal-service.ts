import { ApiError, createFalClient, type QueueStatus } from "@fal-ai/client";
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

export type FalFault = "auth" | "bad-input" | "rate" | "server" | "timeout" | "network" | "no-images";

export class FalError extends Error {
  readonly fault: FalFault;
  constructor(fault: FalFault, detail: string) {
    super(`Fal ${fault}: ${detail}`);
    this.fault = fault;
  }
}

export type FalProgress = { stage: "queued"; position: number } | { stage: "generating" } | { stage: "downloading" };

export interface GeneratedImage {
  bytes: Buffer;
  url: string;
  seed: number;
  contentType: string;
}

export interface FalService {
  readonly model: string;
  /** `count` images for one prompt; image i gets seed `seed + i` (Fal's convention for batches). */
  generate(input: {
    prompt: string;
    seed: number;
    aspect: Aspect;
    count: number;
    onProgress?: (progress: FalProgress) => void;
  }): Promise<GeneratedImage[]>;
  download(url: string): Promise<Buffer>;
}

interface FalOutput {
  images?: { url: string; content_type?: string }[];
  seed?: number;
}

export function classifyFalError(error: unknown): FalError {
  if (error instanceof FalError) return error;
  const status = error instanceof ApiError ? error.status : undefined;
  if (status !== undefined) {
    if (status === 401 || status === 403) return new FalError("auth", `HTTP ${status}`);
    if (status === 422 || status === 400) return new FalError("bad-input", `HTTP ${status}`);
    if (status === 429) return new FalError("rate", `HTTP ${status}`);
    if (status === 504 || status === 408) return new FalError("timeout", `HTTP ${status}`);
    return new FalError("server", `HTTP ${status}`);
  }
  const message = (error as Error)?.message ?? String(error);
  if (/timed out/i.test(message) || (error as Error)?.name === "TimeoutError") return new FalError("timeout", message);
  return new FalError("network", message);
}

export function createFalService(config: {
  apiKey: string;
  model: string;
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
    input: Record<string, unknown>,
    onProgress: ((progress: FalProgress) => void) | undefined,
  ): Promise<FalOutput> {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new FalError("timeout", `no result within ${config.timeoutMs} ms`)),
      config.timeoutMs,
    );
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
      ({ request_id: requestId } = await client.queue.submit(config.model, { input, abortSignal: deadline.signal }));
      await waitForCompletion(client, config.model, requestId, {
        signal: deadline.signal,
        onStatus,
        onStreamEnd: config.onStreamEnd,
      });
      return (await client.queue.result(config.model, { requestId, abortSignal: deadline.signal })).data as FalOutput;
    } catch (error) {
      if (!deadline.signal.aborted) throw classifyFalError(error);
      // Fal keeps running (and billing) a request nobody waits for any more.
      if (requestId) client.queue.cancel(config.model, { requestId }).catch(() => undefined);
      throw deadline.signal.reason;
    } finally {
      clearTimeout(timer);
    }
  }

  async function download(url: string): Promise<Buffer> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw classifyFalError(error);
    }
    if (!response.ok)
      throw new FalError(response.status >= 500 ? "server" : "no-images", `image download HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  return {
    model: config.model,
    download,
    async generate({ prompt, seed, aspect, count, onProgress }) {
      const input: Record<string, unknown> = { prompt, image_size: IMAGE_SIZE[aspect], num_images: count, seed };
      if (config.model.includes("sdxl")) input.negative_prompt = "text, watermark, logo, blurry, low quality, deformed";
      const output = await runQueued(input, onProgress);
      const images = (output.images ?? []).slice(0, count);
      if (images.length < count) throw new FalError("no-images", `asked for ${count}, got ${images.length}`);
      const downloads = Promise.all(images.map((image) => download(image.url)));
      onProgress?.({ stage: "downloading" });
      const baseSeed = typeof output.seed === "number" ? output.seed : seed;
      const bytes = await downloads;
      return images.map((image, index) => ({
        bytes: bytes[index],
        url: image.url,
        seed: baseSeed + index,
        contentType: image.content_type ?? "image/jpeg",
      }));
    },
  };
}
