import type { Page } from "puppeteer-core";
import { fitImagesToBoxes, layoutKey, PhotosNotWhole, prefitPhotos } from "./fit-images.ts";
import { ADDED_TO_HEAD, insertAtHeadStart } from "./html-head.ts";
import { A4, firstPageSizeOfPdf, viewportFor, type PageSize } from "./page-size.ts";
import type { PhaseListener } from "./phase-clock.ts";
import type { ServedDocument } from "./request-filter.ts";
import { drawShadowsAsImages } from "./shadow-images.ts";
import { recallTileStylesheet, rememberTileStylesheet, svgTileStylesheet } from "./svg-tiles.ts";

/** Telegram shows a photo re-encoded as JPEG anyway; 90 keeps small type crisp in the owner's look at the card. */
const PREVIEW_JPEG_QUALITY = 90;
const PNG = { type: "png" } as const;

/** Page 1 as an image: JPEG for Telegram, PNG where pixels are compared. */
export type PreviewFormat = "png" | "jpeg";

/** A card as printed: the PDF, page 1 as an image when asked, its page size, and what it could not load. */
export interface PageOutput {
  pdf: Buffer;
  preview?: Buffer;
  pageSize: PageSize;
  /** Requests that were refused (outside the template) or not found among its files. */
  blocked: string[];
  missing: string[];
}

/** One card for the pool (chromium.ts) to print. */
export interface PageInput {
  html: string;
  /** Files the document may load, by path relative to the document ("images/a.png"). */
  assets: Map<string, Uint8Array>;
  /** Photos that may be laid out as same-size placeholders first (see ServedDocument). */
  placeholders?: Map<string, { width: number; height: number }>;
  /** Page 1 as an image too, in this format. */
  preview?: PreviewFormat;
  /** Called with each phase's duration (ms), for benchmarks. */
  onPhase?: PhaseListener;
  /** Photos still to be proven whole, by path (see DrawOptions.photoChecks). */
  photoChecks?: Map<string, () => Promise<boolean>>;
  /**
   * Keep the card on the page: the next render of the same template files, with photos of the same sizes, changes
   * only its words and swaps its photos (reprint.ts).
   */
  keep?: boolean;
}

export interface DrawOptions {
  preview?: PreviewFormat;
  timeoutMs: number;
  phase: (name: string) => void;
  /** A new base URL for each load: files from an earlier load (a placeholder, another card's photo) are other URLs. */
  base: () => string;
  /** Moves the page to a new empty document (a document written twice keeps things of the first load). */
  clear: () => Promise<void>;
  /**
   * Photos still to be proven whole, by path, each with its own check. A photo a known layout fits while the page
   * loads is proven by that fit instead. All are awaited before any photo's pixels are used (fitted or shown):
   * one false ends the card with PhotosNotWhole.
   */
  photoChecks?: Map<string, () => Promise<boolean>>;
}

/**
 * One card on a prepared page: the document is written in with its <base> (and
 * PNG tiles for repeated SVG backgrounds), photos are fitted to their boxes,
 * then the PDF is printed and, when asked, page 1 captured as PNG.
 */
export async function drawCard(
  page: Page,
  html: string,
  served: ServedDocument,
  options: DrawOptions,
): Promise<PageOutput> {
  const { phase, timeoutMs } = options;
  let tileStyles = recallTileStylesheet(html, served);
  const open = () => {
    served.base = options.base();
    const mark = ADDED_TO_HEAD;
    const head = `<base ${mark} href="${served.base}">${tileStyles && `<style ${mark}>${tileStyles}</style>`}`;
    return page.setContent(insertAtHeadStart(html, head), { waitUntil: "load", timeout: timeoutMs });
  };
  const layout = layoutKey(html, served);
  const fitting = prefitPhotos(layout, served);
  const verdicts = [...(options.photoChecks ?? [])].map(([path, check]) => fitting.get(path) ?? check());
  const photosWhole = verdicts.length > 0 ? Promise.all(verdicts).then((all) => all.every(Boolean)) : undefined;
  await open();
  phase("load");
  const moreTiles = await svgTileStylesheet(page, served);
  if (moreTiles) {
    tileStyles = [tileStyles, moreTiles].filter(Boolean).join("\n");
    rememberTileStylesheet(html, tileStyles, served);
    await options.clear();
    await open();
    phase("svg tiles as PNG");
  }
  // The photos' whole-file checks ran beside the layout (placeholders need no pixels); the fit reads the pixels.
  if (photosWhole && !(await photosWhole)) throw new PhotosNotWhole("a photo is broken");
  phase("photos checked");
  if ((await fitImagesToBoxes(page, served, phase, layout)) === "reload") {
    // The template uses a photo where fit-images cannot swap it (a CSS background, <picture>…): real photos, no
    // placeholders.
    served.placeholders = new Map();
    await options.clear();
    await open();
    phase("reload without placeholders");
    await fitImagesToBoxes(page, served, phase);
    // Photos shown where no <img> swap reaches: a kept card cannot take other photos in place.
    served.photoBoxes = undefined;
  }
  if ((await drawShadowsAsImages(page)) > 0) phase("shadows as images");
  return printPage(page, served, options);
}

/** Prints the card on the page: the PDF, then page 1 as the preview when asked. */
export async function printPage(
  page: Page,
  served: ServedDocument,
  options: Pick<DrawOptions, "preview" | "timeoutMs" | "phase">,
): Promise<PageOutput> {
  const { phase, timeoutMs } = options;
  // The template's @page size wins (preferCSSPageSize); A4 is only the fallback. Untagged: tagging
  // costs time and the card is an image-like page; fonts were awaited by fit-images.
  const pdfOptions = {
    printBackground: true,
    preferCSSPageSize: true,
    format: "A4",
    tagged: false,
    outline: false,
    waitForFonts: false,
    timeout: timeoutMs,
  } as const;
  const pdf = Buffer.from(await page.pdf(pdfOptions));
  phase("pdf");
  const pageSize = firstPageSizeOfPdf(pdf) ?? A4;
  let image: Buffer | undefined;
  if (options.preview) {
    // The image is exactly the viewport: its size (and layout) follow this card's page, never the one before (a
    // viewport left a pixel wider by another template gave the same card a 795 px preview instead of 794).
    const viewport = viewportFor(pageSize);
    const current = page.viewport();
    if (current?.width !== viewport.width || current.height !== viewport.height) await page.setViewport(viewport);
    const clip = { x: 0, y: 0, ...viewport };
    // optimizeForSpeed: fast zlib settings for a PNG, ~100–200 ms less per card for a somewhat larger file.
    const format = options.preview === "jpeg" ? ({ type: "jpeg", quality: PREVIEW_JPEG_QUALITY } as const) : PNG;
    image = Buffer.from(
      await page.screenshot({ ...format, clip, captureBeyondViewport: false, optimizeForSpeed: true }),
    );
    phase("preview");
  }
  return { pdf, preview: image, pageSize, blocked: served.blocked, missing: served.missing };
}
