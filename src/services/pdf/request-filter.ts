import type { HTTPRequest } from "puppeteer-core";
import { mimeTypeOf } from "./assets.ts";
import type { ImageBox } from "./fitted-copy.ts";

/**
 * The page's origin (never resolved: every request is answered from memory); each render's files live under a path of
 * their own.
 */
export const TEMPLATE_ORIGIN = "https://template.invalid";

/** What the page may load during one render. */
export interface ServedDocument {
  /** `https://template.invalid/r<n>/`, the document's <base>: other URLs each render, so nothing can come from an earlier card. */
  base: string;
  /** Files by path relative to the document ("images/a.png"). */
  assets: Map<string, Uint8Array>;
  /**
   * Photos answered, while the page is first laid out, with an empty SVG of
   * the same intrinsic size: layout is the same, Chromium decodes nothing big,
   * and fit-images then swaps in copies made for the boxes.
   */
  placeholders: Map<string, { width: number; height: number }>;
  /** Placeholder paths that were actually served. */
  placeheld: Set<string>;
  /** Requests that were refused (outside the template) or not found among its files. */
  blocked: string[];
  missing: string[];
  /**
   * The <img> boxes the photos were fitted to, once they were (unset when the card was loaded again without
   * placeholders): a kept card's photos can then be swapped for others of the same size (reprint.ts).
   */
  photoBoxes?: ImageBox[];
}

/** What a new load of a card may fetch: its files, its photos first as placeholders; nothing served or refused yet. */
export function servedDocument(
  assets: Map<string, Uint8Array>,
  placeholders: Map<string, { width: number; height: number }>,
): ServedDocument {
  return { base: "", assets, placeholders, placeheld: new Set(), blocked: [], missing: [] };
}

/**
 * Answers every request of the page from memory: the document's own files and
 * data: URLs. Anything else (file://, http(s) elsewhere) is aborted. Between
 * renders (`current` unset) nothing is served. The document itself is written
 * into the page (no navigation), so no navigation of the page is ever allowed.
 */
export function answerRequest(request: HTTPRequest, current: ServedDocument | undefined): void {
  const url = request.url();
  if (request.isNavigationRequest() && !request.frame()?.parentFrame()) {
    // A meta refresh or a link target gets "204 No Content", which leaves the card in place;
    // an abort would swap in Chromium's error page.
    current?.blocked.push(url.slice(0, 200));
    return void request.respond({ status: 204, body: "" });
  }
  if (url.startsWith("data:")) return void request.continue();
  // Root-relative URLs ("/images/a.png") land beside the render's base: they mean the template's own files too.
  const prefix =
    current &&
    (url.startsWith(current.base)
      ? current.base
      : url.startsWith(`${TEMPLATE_ORIGIN}/`)
        ? `${TEMPLATE_ORIGIN}/`
        : undefined);
  if (current && prefix) {
    const path = pathUnder(prefix, url);
    const placeholder = request.resourceType() === "image" ? current.placeholders.get(path) : undefined;
    if (placeholder) {
      current.placeheld.add(path);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${placeholder.width}" height="${placeholder.height}"/>`;
      return void request.respond({ status: 200, contentType: "image/svg+xml", body: svg });
    }
    const bytes = current.assets.get(path);
    if (bytes)
      return void request.respond({
        status: 200,
        contentType: mimeTypeOf(path),
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      });
    current.missing.push(path);
    return void request.respond({ status: 404, body: "" });
  }
  current?.blocked.push(url.slice(0, 200));
  void request.abort("blockedbyclient");
}

/**
 * A template file's path ("images/a.png") from its URL under a base (`https://template.invalid/r3/`). A
 * malformed percent-escape (a template can assemble one) is kept as written: it then names no file (404)
 * instead of throwing inside Chromium's request handler, where an exception would end the process.
 */
export const pathUnder = (base: string, url: string) =>
  safeDecode(new URL(url).pathname.slice(new URL(base).pathname.length));

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
