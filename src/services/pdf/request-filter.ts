import type { HTTPRequest } from "puppeteer-core";
import { mimeTypeOf } from "./assets.ts";

/** Template documents are served from a subdomain of this, one per render (never resolved: every request is answered from memory). */
export const TEMPLATE_ORIGIN = "https://template.invalid";

/** What the page may load during one render. */
export interface ServedDocument {
  /** `https://r<n>.template.invalid`: other URLs each render, so nothing can come from an earlier card. */
  origin: string;
  html: string;
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
  /** Set by the renderer right before it loads the document; the one navigation that may happen. */
  expectingLoad?: boolean;
  /** Requests that were refused (outside the template) or not found among its files. */
  blocked: string[];
  missing: string[];
}

/**
 * Answers every request of the page from memory: the document, its own files,
 * data: URLs. Anything else (file://, http(s) elsewhere) is aborted. Between
 * renders (`current` unset) nothing is served.
 */
export function answerRequest(request: HTTPRequest, current: ServedDocument | undefined): void {
  const url = request.url();
  if (request.isNavigationRequest() && !request.frame()?.parentFrame()) {
    // Only the renderer's own load may navigate the page. Anything else (a meta refresh, a link target)
    // gets "204 No Content", which leaves the card in place; an abort would swap in Chromium's error page.
    if (current?.expectingLoad && url.startsWith(`${current.origin}/`)) current.expectingLoad = false;
    else {
      current?.blocked.push(url.slice(0, 200));
      return void request.respond({ status: 204, body: "" });
    }
  }
  if (url.startsWith("data:")) return void request.continue();
  if (current && url.startsWith(`${current.origin}/`)) {
    const path = decodeURIComponent(new URL(url).pathname.slice(1));
    // The document itself is "/" (with a ?render= counter).
    if (path === "") return void request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: current.html });
    const placeholder = request.resourceType() === "image" ? current.placeholders.get(path) : undefined;
    if (placeholder) {
      current.placeheld.add(path);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${placeholder.width}" height="${placeholder.height}"/>`;
      return void request.respond({ status: 200, contentType: "image/svg+xml", body: svg });
    }
    const bytes = current.assets.get(path);
    if (bytes) return void request.respond({ status: 200, contentType: mimeTypeOf(path), body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    current.missing.push(path);
    return void request.respond({ status: 404, body: "" });
  }
  current?.blocked.push(url.slice(0, 200));
  void request.abort("blockedbyclient");
}
