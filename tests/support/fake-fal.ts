import type { IncomingMessage, ServerResponse } from "node:http";
import sharp from "sharp";
import { LocalHttpFake, readBody, sendJson as send } from "./fake-http-server.ts";
import { FakeFalStorage, imageInputError, upscaleInputError } from "./fake-fal-storage.ts";

/** Models that start from an image (FLUX image-to-image, Redux): their input must carry a readable `image_url`. */
const isImageModel = (path: string) => /image-to-image|redux/.test(path);
/** Upscalers: one `image_url` in, one `image` out (AuraSR: 4× only). */
const isUpscaler = (path: string) => /aura-sr|esrgan/.test(path);

export type FalStage = "submit" | "status" | "result";

export interface FalSubmit {
  path: string;
  authorization: string | undefined;
  input: any;
  requestId: string;
}

interface Job {
  submit: FalSubmit;
  /** Status steps taken: one per status poll, or one per `streamStepMs` on a status stream (count mode). */
  steps: number;
  cancelled: boolean;
}

type Status =
  | { status: "IN_QUEUE"; queue_position: number; request_id: string }
  | { status: "IN_PROGRESS" | "COMPLETED"; request_id: string; logs: [] };

/**
 * A fal.ai queue stand-in for the real @fal-ai/client (its requestMiddleware
 * rewrites every request to this origin, path kept): submit, status polling
 * (IN_QUEUE → IN_PROGRESS → COMPLETED), the status stream (server-sent events,
 * one `data:` line per status change, a comment line as keep-alive, closed after
 * COMPLETED — Fal's GET …/requests/{id}/status/stream), cancel, result, and the
 * generated images.
 */
export class FakeFal extends LocalHttpFake {
  readonly submits: FalSubmit[] = [];
  readonly key: string;
  /** Status polls answered IN_QUEUE before IN_PROGRESS (then one IN_PROGRESS, then COMPLETED). */
  queuePolls = 1;
  /** Never completes (for the "no result in time" case). */
  hang = false;
  /** Image URLs answer 404 (Fal's files expire after days). */
  filesGone = false;
  /**
   * Full-size images like Fal's (1024 px side, photo-like JPEG bytes) instead of tiny PNGs; generated once per size and
   * tile.
   */
  fullSize = false;
  /** When set, a job is done this many ms after its submit (status follows the clock instead of counting polls). */
  latencyMs: number | undefined;
  /** Clock mode: each job takes latencyMs plus up to this much more (uniform), so poll phases vary. */
  latencyJitterMs = 0;
  /**
   * Status stream: false answers 404 (a server without it); "stall" sends the first status, then only
   * keep-alives; "json" answers 200 with a JSON status and holds the body open (not an event stream).
   */
  statusStream: boolean | "stall" | "json" = true;
  /** Count mode on a status stream: one step (as one poll would take) every this many ms. */
  streamStepMs = 150;
  /** Keep-alive comment interval on status streams (Fal: 15 s). */
  keepAliveMs = 15_000;
  /** Requests served, for request-rate figures. */
  readonly counts = { statusPolls: 0, statusStreams: 0, results: 0 };
  readonly cancels: string[] = [];
  /** Per request (performance.now() ms): submit received, job done, result served (for benchmarks). */
  readonly timeline = new Map<string, { submitAt: number; latencyMs: number; readyAt?: number; resultAt?: number }>();
  /** Image downloads served: request received → response fully written. */
  readonly downloads: { name: string; start: number; end: number }[] = [];
  /**
   * What a result's image URLs are, given the one this fake serves (`/files/<name>.png`): a hostile Fal points them
   * at other hosts. Unset: the fake's own files.
   */
  resultUrl: ((served: string, index: number) => string) | undefined;
  /** Answers for paths under `/files/` that replace the generated image (HTML pages, redirects, huge bodies). */
  readonly fileAnswers = new Map<string, (res: ServerResponse) => void | Promise<void>>();
  /** Fal's storage: what `fal.storage.upload` put, served back to the image models. */
  readonly storage = new FakeFalStorage(() => this.baseUrl);
  private faults: { stage: FalStage; status: number; times: number }[] = [];
  private jobs = new Map<string, Job>();
  private nextId = 1;
  private imageCache = new Map<string, Buffer>();

  constructor(key = "fal-test-key-abcdef") {
    super();
    this.key = key;
  }

  failNext(stage: FalStage, status: number, times = 1): void {
    this.faults.push({ stage, status, times });
  }

  reset(): void {
    this.faults = [];
    this.hang = false;
    this.filesGone = false;
    this.queuePolls = 1;
    this.statusStream = true;
    this.keepAliveMs = 15_000;
    this.resultUrl = undefined;
    this.fileAnswers.clear();
  }

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (await this.storage.route(req, res, raw, req.headers.authorization === `Key ${this.key}`)) return;
    const answer = this.fileAnswers.get(path);
    if (answer && req.method === "GET") return answer(res);
    const file = path.match(/^\/files\/(.+)\.png$/);
    if (file && req.method === "GET") return this.serveImage(file[1], res);
    if (req.headers.authorization !== `Key ${this.key}`) return send(res, 401, { detail: "Invalid API key" });
    const stream = path.match(/^\/(.+)\/requests\/([^/]+)\/status\/stream$/);
    const status = path.match(/^\/(.+)\/requests\/([^/]+)\/status$/);
    const cancel = path.match(/^\/(.+)\/requests\/([^/]+)\/cancel$/);
    const result = path.match(/^\/(.+)\/requests\/([^/]+)$/);
    if (stream && req.method === "GET") return this.stream(stream[2], res);
    if (status && req.method === "GET") return this.status(status[2], res);
    if (cancel && req.method === "PUT") return this.cancel(cancel[2], res);
    if (result && req.method === "GET") return this.result(result[2], res);
    if (req.method !== "POST") return send(res, 404, { detail: "Not found" });
    if (this.fault("submit", res)) return;
    const input = JSON.parse(raw.toString("utf8") || "{}");
    if (isUpscaler(path)) {
      const refused = upscaleInputError(path, input, (url) => this.readable(url));
      if (refused) return send(res, 422, refused);
    } else if (typeof input.prompt !== "string" || !input.prompt)
      return send(res, 422, {
        detail: [{ loc: ["body", "prompt"], msg: "field required", type: "value_error.missing" }],
      });
    const imageError = isImageModel(path) ? imageInputError(input, (url) => this.readable(url)) : undefined;
    if (imageError) return send(res, 422, imageError);
    const requestId = `req-${this.nextId++}`;
    const submit: FalSubmit = { path, authorization: req.headers.authorization, input, requestId };
    this.submits.push(submit);
    this.jobs.set(requestId, { submit, steps: 0, cancelled: false });
    this.timeline.set(requestId, {
      submitAt: performance.now(),
      latencyMs: (this.latencyMs ?? 0) + Math.random() * this.latencyJitterMs,
    });
    send(res, 200, {
      request_id: requestId,
      status: "IN_QUEUE",
      queue_position: 0,
      status_url: `${this.baseUrl}${path}/requests/${requestId}/status`,
      response_url: `${this.baseUrl}${path}/requests/${requestId}`,
    });
  }

  /**
   * An image model reads its image from a URL, as Fal does: its storage's files and its own results (a tile varied or
   * upscaled) are what it can read; anything else is refused.
   */
  private readable(url: string): boolean {
    return (
      this.storage.fileAt(url) !== undefined ||
      (url.startsWith(this.baseUrl) && /^\/files\/[^/]+\.png$/.test(url.slice(this.baseUrl.length)))
    );
  }

  /** The size of an image this fake can read (its own results carry it in their name; uploads are measured). */
  private async sizeOf(url: string): Promise<[number, number]> {
    const named = /-(\d+)x(\d+)\.png$/.exec(url);
    if (named) return [Number(named[1]), Number(named[2])];
    const meta = await sharp(this.storage.fileAt(url)!.bytes).metadata();
    return [meta.width ?? 64, meta.height ?? 64];
  }

  private fault(stage: FalStage, res: ServerResponse): boolean {
    const fault = this.faults.find((f) => f.stage === stage && f.times > 0);
    if (!fault) return false;
    fault.times--;
    send(res, fault.status, { detail: `fake ${stage} error ${fault.status}` });
    return true;
  }

  private status(requestId: string, res: ServerResponse): void {
    this.counts.statusPolls++;
    if (this.fault("status", res)) return;
    const job = this.jobs.get(requestId);
    if (!job) return send(res, 404, { detail: "Request not found" });
    job.steps++;
    const status = this.statusOf(requestId, job);
    send(res, status.status === "COMPLETED" ? 200 : 202, status);
  }

  /**
   * Where a job is now: by the clock (latencyMs) or by the steps taken (queuePolls IN_QUEUE, one IN_PROGRESS, then
   * COMPLETED).
   */
  private statusOf(requestId: string, job: Job): Status {
    if (this.hang) return { status: "IN_QUEUE", queue_position: 0, request_id: requestId };
    if (this.latencyMs !== undefined) {
      const times = this.timeline.get(requestId)!;
      const elapsed = performance.now() - times.submitAt;
      if (elapsed < times.latencyMs / 4) return { status: "IN_QUEUE", queue_position: 0, request_id: requestId };
      if (elapsed < times.latencyMs) return { status: "IN_PROGRESS", request_id: requestId, logs: [] };
      times.readyAt ??= times.submitAt + times.latencyMs;
      return { status: "COMPLETED", request_id: requestId, logs: [] };
    }
    if (job.steps <= this.queuePolls)
      return { status: "IN_QUEUE", queue_position: Math.max(0, this.queuePolls - job.steps), request_id: requestId };
    if (job.steps === this.queuePolls + 1) return { status: "IN_PROGRESS", request_id: requestId, logs: [] };
    return { status: "COMPLETED", request_id: requestId, logs: [] };
  }

  /** Server-sent status events: each change as `data: <status JSON>`, closed after COMPLETED. */
  private stream(requestId: string, res: ServerResponse): void {
    this.counts.statusStreams++;
    if (!this.statusStream) return send(res, 404, { detail: "Not Found" });
    if (this.fault("status", res)) return;
    const job = this.jobs.get(requestId);
    if (!job) return send(res, 404, { detail: "Request not found" });
    if (this.statusStream === "json") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.write(JSON.stringify(this.statusOf(requestId, job)));
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const stall = this.statusStream === "stall";
    let last = "";
    let timer: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), this.keepAliveMs);
    const stop = () => {
      clearTimeout(timer);
      clearInterval(keepAlive);
    };
    res.on("close", stop);
    const tick = () => {
      job.steps++;
      const status = this.statusOf(requestId, job);
      const text = JSON.stringify(status);
      if (text !== last) res.write(`data: ${text}\n\n`);
      last = text;
      if (status.status === "COMPLETED") return void (stop(), res.end());
      if (stall || this.hang) return;
      timer = setTimeout(tick, this.latencyMs === undefined ? this.streamStepMs : this.untilNextChange(requestId));
    };
    tick();
  }

  private untilNextChange(requestId: string): number {
    const { submitAt, latencyMs } = this.timeline.get(requestId)!;
    const elapsed = performance.now() - submitAt;
    return Math.max(0, (elapsed < latencyMs / 4 ? latencyMs / 4 : latencyMs) - elapsed);
  }

  private cancel(requestId: string, res: ServerResponse): void {
    const job = this.jobs.get(requestId);
    if (!job) return send(res, 404, { detail: "Request not found" });
    this.cancels.push(requestId);
    if (this.statusOf(requestId, job).status === "COMPLETED") return send(res, 400, { status: "ALREADY_COMPLETED" });
    job.cancelled = true;
    send(res, 202, { status: "CANCELLATION_REQUESTED" });
  }

  private result(requestId: string, res: ServerResponse): void {
    this.counts.results++;
    if (this.fault("result", res)) return;
    const job = this.jobs.get(requestId);
    if (!job) return send(res, 404, { detail: "Request not found" });
    const times = this.timeline.get(requestId)!;
    if (this.latencyMs !== undefined && performance.now() - times.submitAt < times.latencyMs)
      return send(res, 400, { detail: "Request is still in progress" });
    this.timeline.get(requestId)!.resultAt = performance.now();
    if (isUpscaler(job.submit.path)) return void this.upscaled(requestId, job, res);
    const { num_images = 1, seed = 42, image_size = "square_hd" } = job.submit.input;
    const [width, height] = (this.fullSize ? FULL_SIZES : SIZES)[image_size as string] ?? [64, 64];
    const images = Array.from({ length: num_images }, (_, index) => ({
      url: (this.resultUrl ?? ((served: string) => served))(
        `${this.baseUrl}/files/${requestId}-${seed + index}-${width}x${height}.png`,
        index,
      ),
      width,
      height,
      content_type: "image/png",
    }));
    send(res, 200, { images, seed, has_nsfw_concepts: images.map(() => false), prompt: job.submit.input.prompt });
  }

  /** An upscaler's answer: one `image`, AuraSR's 4× (ESRGAN's `scale`) the source's size. */
  private async upscaled(requestId: string, job: Job, res: ServerResponse): Promise<void> {
    const [width, height] = await this.sizeOf(job.submit.input.image_url);
    const factor = job.submit.path.includes("aura-sr") ? 4 : Number(job.submit.input.scale ?? 2);
    const size = `${width * factor}x${height * factor}`;
    const served = `${this.baseUrl}/files/${requestId}-up-${size}.png`;
    const url = (this.resultUrl ?? ((served: string) => served))(served, 0);
    send(res, 200, {
      image: { url, width: width * factor, height: height * factor, content_type: "image/png", file_name: "up.png" },
      timings: { inference: 1.2 },
    });
  }

  private async serveImage(name: string, res: ServerResponse): Promise<void> {
    const start = performance.now();
    res.on("finish", () => this.downloads.push({ name, start, end: performance.now() }));
    if (this.filesGone) return send(res, 404, { detail: "expired" });
    // Consecutive seeds of a batch: four full-size images per size are made once and reused.
    const tile = `${Number(name.split("-").at(-2)) % 4}-${name.split("-").at(-1)}`;
    let bytes = this.imageCache.get(this.fullSize ? tile : name);
    if (!bytes && this.fullSize) {
      const [width, height] = name.split("-").at(-1)!.split("x").map(Number);
      const noise = { type: "gaussian" as const, mean: 128, sigma: 40 };
      bytes = await sharp({ create: { width, height, channels: 3, background: "#808080", noise } })
        .jpeg({ quality: 90 })
        .toBuffer();
      this.imageCache.set(tile, bytes);
    }
    if (!bytes) {
      const hue = [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 255;
      const [width, height] = name.split("-").at(-1)!.split("x").map(Number);
      bytes = await sharp({ create: { width, height, channels: 3, background: { r: hue, g: 255 - hue, b: 128 } } })
        .png()
        .toBuffer();
      this.imageCache.set(name, bytes);
    }
    res.writeHead(200, { "content-type": this.fullSize ? "image/jpeg" : "image/png", "content-length": bytes.length });
    res.end(bytes);
  }
}

const SIZES: Record<string, [number, number]> = {
  square_hd: [64, 64],
  landscape_4_3: [80, 60],
  portrait_4_3: [60, 80],
  landscape_16_9: [96, 54],
};
const FULL_SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  landscape_4_3: [1024, 768],
  portrait_4_3: [768, 1024],
  landscape_16_9: [1024, 576],
};
