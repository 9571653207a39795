/**
 * Fetching what Fal's answer points at, trusting nothing in it: the URL must be one of Fal's own file hosts (or the
 * configured base URL's origin, a proxy or a test double), every redirect hop is checked the same way, the body is
 * capped while it streams, and the bytes must be a JPEG, PNG or WebP of a sane size before anyone else sees them.
 */
import { FalError } from "./fal-error.ts";

/** Fal's result files: fal.media (v2., v3., v3b.…), the run and API hosts, and Fal's older Google bucket. */
const FAL_FILE_HOSTS = [/^(?:[a-z0-9-]+\.)*fal\.media$/, /^(?:[a-z0-9-]+\.)*fal\.run$/, /^(?:[a-z0-9-]+\.)+fal\.ai$/];
const FAL_BUCKET = { host: "storage.googleapis.com", pathPrefix: "/falserverless/" };

/**
 * Telegram's limit for a photo (sendPhoto/sendMediaGroup), so nothing over it could be shown anyway; Fal's 1024 px
 * JPEGs are a few hundred KB. Four downloads at once hold at most 40 MB of a 512 MB dyno.
 */
export const MAX_RESULT_BYTES = 10 * 1024 * 1024;
/** Decoded size cap: a small file can still unpack to gigabytes of pixels in sharp. */
export const MAX_RESULT_PIXELS = 50_000_000;
const MAX_REDIRECTS = 3;

export type ImageKind = "image/jpeg" | "image/png" | "image/webp";

export interface FetchedImage {
  bytes: Buffer;
  /** What the bytes are, not what the server said. */
  contentType: ImageKind;
}

/** Whether a result URL may be fetched: with a base URL configured only its origin, else Fal's hosts over HTTPS. */
export function falFileTrust(baseUrl: string | undefined): (url: URL) => boolean {
  const base = baseUrl ? new URL(baseUrl).origin : undefined;
  if (base) return (url) => url.origin === base;
  return (url) =>
    url.protocol === "https:" &&
    url.port === "" &&
    (FAL_FILE_HOSTS.some((host) => host.test(url.hostname)) ||
      (url.hostname === FAL_BUCKET.host && url.pathname.startsWith(FAL_BUCKET.pathPrefix)));
}

/** JPEG, PNG or WebP by their signatures; anything else (an HTML page, a JSON error) is not an image. */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  const starts = (signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}

const refused = (detail: string) => new FalError("bad-result", detail);

/** The body, stopped the moment it passes `max` bytes (a Content-Length over it is refused before reading). */
async function readCapped(response: Response, max: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw refused(`result of ${declared} bytes (limit ${max})`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw refused(`result over ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Follows redirects by hand, each hop checked: a trusted host cannot bounce the bot onto a private address. */
async function fetchTrusted(start: URL, trusted: (url: URL) => boolean, signal: AbortSignal): Promise<Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    if (!trusted(url)) throw refused(`result URL outside Fal's files: ${url.protocol}//${url.host}`);
    const response = await fetch(url, { signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw refused(`more than ${MAX_REDIRECTS} redirects`);
    url = new URL(location, url);
  }
}

/**
 * One result image: fetched only from a trusted URL, at most `maxBytes`, and only if it is a JPEG, PNG or WebP
 * whose header gives at most `MAX_RESULT_PIXELS` pixels. Network trouble is a FalError for the caller to classify.
 */
export async function fetchResultImage(
  rawUrl: unknown,
  options: { trusted: (url: URL) => boolean; signal: AbortSignal; maxBytes?: number },
): Promise<FetchedImage> {
  const max = options.maxBytes ?? MAX_RESULT_BYTES;
  // Only http(s): a data: URL (Fal's sync mode, which the bot never asks for) would be kept in the draft.
  const url = typeof rawUrl === "string" && URL.canParse(rawUrl) ? new URL(rawUrl) : undefined;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw refused("a result URL that is not http(s)");
  const response = await fetchTrusted(url, options.trusted, options.signal);
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const fault = response.status >= 500 ? "server" : [404, 410].includes(response.status) ? "expired" : "no-images";
    throw new FalError(fault, `image download HTTP ${response.status}`);
  }
  const bytes = await readCapped(response, max);
  const contentType = sniffImage(bytes);
  if (!contentType) throw refused("a result that is not a JPEG, PNG or WebP image");
  const { default: sharp } = await import("sharp");
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height) throw refused("an image whose header does not read");
  if (meta.width * meta.height > MAX_RESULT_PIXELS)
    throw refused(`an image of ${meta.width}×${meta.height} px (limit ${MAX_RESULT_PIXELS} px)`);
  return { bytes, contentType };
}
