import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson as send } from "./fake-http-server.ts";

/** A file uploaded to the fake Fal's storage, as its image models will read it. */
export interface StoredFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Fal's storage as @fal-ai/client uses it: POST …/storage/upload/initiate (authorized) answers `upload_url` (signed:
 * a PUT there needs no key) and `file_url`, where the bytes are served once put.
 */
export class FakeFalStorage {
  readonly files = new Map<string, StoredFile>();
  private readonly pending = new Map<string, { fileName: string; contentType: string }>();

  private readonly baseUrl: () => string;

  constructor(baseUrl: () => string) {
    this.baseUrl = baseUrl;
  }

  /** Answers a storage request; false when the path is not storage's. */
  async route(req: IncomingMessage, res: ServerResponse, raw: Buffer, authorized: boolean): Promise<boolean> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/storage/upload/initiate" && req.method === "POST") {
      if (!authorized) return (send(res, 401, { detail: "Invalid API key" }), true);
      const body = JSON.parse(raw.toString("utf8") || "{}");
      if (typeof body.content_type !== "string" || typeof body.file_name !== "string")
        return (send(res, 422, { detail: [{ loc: ["body", "content_type"], msg: "field required" }] }), true);
      const token = randomUUID();
      this.pending.set(token, { fileName: body.file_name, contentType: body.content_type });
      send(res, 200, {
        upload_url: `${this.baseUrl()}/storage/put/${token}`,
        file_url: `${this.baseUrl()}/files/uploads/${token}/${encodeURIComponent(body.file_name)}`,
      });
      return true;
    }
    const put = path.match(/^\/storage\/put\/([\w-]+)$/);
    if (put && req.method === "PUT") {
      const upload = this.pending.get(put[1]);
      if (!upload) return (send(res, 403, { detail: "The upload URL is not valid or has expired" }), true);
      this.files.set(put[1], { bytes: raw, ...upload });
      send(res, 200, {});
      return true;
    }
    const file = path.match(/^\/files\/uploads\/([\w-]+)\//);
    if (file && req.method === "GET") {
      const stored = this.files.get(file[1]);
      if (!stored) return (send(res, 404, { detail: "Not found" }), true);
      res.writeHead(200, { "content-type": stored.contentType, "content-length": stored.bytes.length });
      res.end(stored.bytes);
      return true;
    }
    return false;
  }

  /** The bytes behind a URL this storage issued; undefined for any other URL (Fal could not download it). */
  fileAt(url: string): StoredFile | undefined {
    const match = url.startsWith(this.baseUrl()) ? url.match(/\/files\/uploads\/([\w-]+)\//) : null;
    return match ? this.files.get(match[1]) : undefined;
  }
}

/** Fal's 422 for one field, in the shape its models answer (`detail` is a list of errors). */
export const fieldError = (field: string, msg: string, type: string, ctx?: Record<string, unknown>) => ({
  detail: [{ loc: ["body", field], msg, type, ...(ctx ? { ctx } : {}) }],
});

/**
 * What an image-to-image model refuses: no `image_url`, one it cannot download, a `strength` outside 0–1. Returns
 * the 422 body, or undefined when the input is acceptable.
 */
export function imageInputError(
  input: Record<string, unknown>,
  readable: (url: string) => boolean,
): object | undefined {
  if (typeof input.image_url !== "string" || input.image_url === "")
    return fieldError("image_url", "field required", "value_error.missing");
  if (!readable(input.image_url))
    return fieldError(
      "image_url",
      "Failed to download the file. Please check if the URL is accessible.",
      "file_download_error",
    );
  if (input.strength !== undefined) {
    const strength = input.strength;
    if (typeof strength !== "number" || strength < 0)
      return fieldError("strength", "ensure this value is greater than or equal to 0", "value_error.number.not_ge", {
        limit_value: 0,
      });
    if (strength > 1)
      return fieldError("strength", "ensure this value is less than or equal to 1", "value_error.number.not_le", {
        limit_value: 1,
      });
  }
  return undefined;
}

/**
 * What an upscaler refuses: a missing or unreadable `image_url` (as an image model does), and a factor it does not
 * know: AuraSR's `upscaling_factor` is the literal 4 (pydantic's `value_error.const`), ESRGAN's `scale` is 1–8.
 */
export function upscaleInputError(
  path: string,
  input: Record<string, unknown>,
  readable: (url: string) => boolean,
): object | undefined {
  const image = imageInputError({ image_url: input.image_url }, readable);
  if (image) return image;
  if (path.includes("aura-sr") && input.upscaling_factor !== undefined && input.upscaling_factor !== 4)
    return fieldError("upscaling_factor", "unexpected value; permitted: 4", "value_error.const", {
      given: input.upscaling_factor,
      permitted: [4],
    });
  const scale = input.scale;
  if (path.includes("esrgan") && scale !== undefined && (typeof scale !== "number" || scale < 1 || scale > 8))
    return fieldError("scale", "ensure this value is less than or equal to 8", "value_error.number.not_le", {
      limit_value: 8,
    });
  return undefined;
}
