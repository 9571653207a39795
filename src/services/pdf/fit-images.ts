import type { Page } from "puppeteer-core";
import type { ServedDocument } from "./request-filter.ts";
import { type ImageBox, fittedCopy, planFor, sha1 } from "./fitted-copy.ts";

/** A photo turned out broken while the card was being laid out with placeholders: the card is made again without it. */
export class PhotosNotWhole extends Error {}

/** Fitted copies are served from here (the request filter answers from the assets map). */
const FITTED_PREFIX = "__fitted/";

/** Named by content: boxes showing the same copy share one request, one decode and one image in the PDF. */
export const fittedName = (bytes: Uint8Array, extension: string) =>
  `${FITTED_PREFIX}${sha1(bytes).slice(0, 20)}.${extension}`;

/**
 * Why this exists: Chromium's PDF backend handles a cropped image (object-fit:
 * cover with another aspect ratio, or overflow) by decoding and re-encoding the
 * whole source for every box — ~170 ms per 1600×1200 JPEG — and embeds photos
 * at full resolution. After layout each <img> is replaced by a copy cropped to
 * its box's aspect and scaled to PRINT_SCALE × its size, which Skia embeds as is.
 * Photos laid out as placeholders (request-filter.ts) always get swapped: for a
 * copy, or for the original when there is nothing to fit. "reload" means a
 * placeholder is used where no <img> swap reaches (CSS background, <picture>…).
 */
export async function fitImagesToBoxes(
  page: Page,
  served: ServedDocument,
  phase: (name: string) => void = () => undefined,
  layout?: string,
): Promise<number | "reload"> {
  const placeheld = [...served.placeheld];
  const measured: { boxes: ImageBox[]; foreign: boolean } = await page.evaluate(
    (base, placeheldPaths) => {
      const boxes = [...document.images].flatMap((img, index) => {
        if (!img.complete || !img.naturalWidth || !img.currentSrc.startsWith(base)) return [];
        const style = getComputedStyle(img);
        const rect = img.getBoundingClientRect();
        const raw = new URL(img.currentSrc).pathname.slice(new URL(base).pathname.length);
        let path = raw;
        try {
          path = decodeURIComponent(raw);
        } catch {
          // a malformed escape names no template file; keep it as written
        }
        const image = {
          index,
          path,
          naturalWidth: img.naturalWidth,
          naturalHeight: img.naturalHeight,
          fit: style.objectFit,
          position: style.objectPosition,
        };
        // No helper functions in here: tsx would wrap them in a `__name` call the page does not know.
        const [pl, pr, bl, br, pt, pb, bt, bb] = [
          "padding-left",
          "padding-right",
          "border-left-width",
          "border-right-width",
          "padding-top",
          "padding-bottom",
          "border-top-width",
          "border-bottom-width",
        ].map((property) => parseFloat(style.getPropertyValue(property)) || 0);
        const boxWidth = img.offsetWidth - pl - pr - bl - br;
        const boxHeight = img.offsetHeight - pt - pb - bt - bb;
        return [boxWidth > 0 && boxHeight > 0 && rect.width > 0 ? { ...image, boxWidth, boxHeight } : image];
      });
      let foreign = false;
      if (placeheldPaths.length > 0) {
        const elements = document.querySelectorAll("picture source, svg image, input, video, object, embed, iframe");
        foreign = [...elements].some((element) => placeheldPaths.some((path) => element.outerHTML.includes(path)));
        const properties = [
          "background-image",
          "border-image-source",
          "list-style-image",
          "mask-image",
          "-webkit-mask-image",
          "content",
          "shape-outside",
        ];
        for (const element of foreign ? [] : document.querySelectorAll("*")) {
          for (const pseudo of [null, "::before", "::after", "::marker"]) {
            const style = getComputedStyle(element, pseudo);
            if (
              properties.some(
                (property) =>
                  style.getPropertyValue(property).includes("url(") &&
                  placeheldPaths.some((path) => style.getPropertyValue(property).includes(path)),
              )
            )
              foreign = true;
          }
        }
      }
      return { boxes, foreign };
    },
    served.base,
    placeheld,
  );
  // Anything requested from now on (a lazy image, the reload) gets the real file.
  served.placeholders = new Map();
  phase("fit: measure boxes");
  if (measured.foreign) return "reload";
  if (layout !== undefined) rememberLayout(layout, measured.boxes);
  served.photoBoxes = measured.boxes;
  const inTurn = fewAtATime();
  const swaps = await Promise.all(measured.boxes.map((box) => inTurn(() => copyForBox(box, served))));
  phase("fit: sharp");
  await swapImages(page, served, swaps);
  phase("fit: swap");
  return swaps.filter(Boolean).length;
}

/** What an <img> is swapped to: the photo's copy fitted to its box, or the photo itself when it was a placeholder. */
export interface ImageSwap {
  index: number;
  src: string;
  keepFit: boolean;
  bytes: Uint8Array;
}

/** The swap for one measured box (undefined: the <img> keeps what it shows). */
export async function copyForBox(box: ImageBox, served: ServedDocument): Promise<ImageSwap | undefined> {
  const source = served.assets.get(box.path);
  if (!source) return undefined;
  const plan = planFor(box);
  const isJpeg = /\.jpe?g$/i.test(box.path);
  const extension = isJpeg ? "jpg" : (/\.[a-z0-9]+$/i.exec(box.path)?.[0].slice(1).toLowerCase() ?? "img");
  if (!plan && !served.placeheld.has(box.path)) return undefined;
  const bytes = plan ? await fittedCopy(source, box, plan, isJpeg) : source;
  const src = fittedName(bytes, plan ? (isJpeg ? "jpg" : "png") : extension);
  return { index: box.index, src, keepFit: plan?.keepFit ?? true, bytes };
}

/**
 * Points each <img> at its swap (served from the assets map from now on) and waits for the pictures' files and the
 * fonts. Fitted copies no <img> shows any more leave the map. Returns every <img>'s laid-out size after the swap (as
 * imageBoxesOf does: one round trip less for a kept card).
 */
export async function swapImages(
  page: Page,
  served: ServedDocument,
  swaps: (ImageSwap | undefined)[],
): Promise<string> {
  const items: { index: number; src: string; keepFit: boolean }[] = [];
  for (const swap of swaps) {
    if (!swap) continue;
    served.assets.set(swap.src, swap.bytes);
    items.push({ index: swap.index, src: swap.src, keepFit: swap.keepFit });
  }
  await page.evaluate((items) => {
    const images = [...document.images];
    for (const { index, src, keepFit } of items) {
      const img = images[index];
      if (img.parentElement?.tagName === "PICTURE")
        img.parentElement.querySelectorAll("source").forEach((source) => source.remove());
      img.removeAttribute("srcset");
      img.src = src;
      // A cropped copy already has the box's aspect: no crop is left for the PDF backend.
      if (!keepFit) img.style.setProperty("object-fit", "fill", "important");
    }
  }, items);
  await imagesLoaded(page, items);
  const { shown, boxes }: { shown: string[]; boxes: string } = await page.evaluate(async () => {
    await document.fonts.ready;
    const images = [...document.images];
    return {
      shown: images.map((img) => img.getAttribute("src") ?? ""),
      boxes: images.map((img) => `${img.offsetWidth}x${img.offsetHeight}`).join(","),
    };
  });
  const inUse = new Set(shown);
  for (const path of [...served.assets.keys()])
    if (path.startsWith(FITTED_PREFIX) && !inUse.has(path)) served.assets.delete(path);
  return boxes;
}

/**
 * Waits until each swapped <img> shows its new file whole (or broken). Asked from here, a round trip at a time: the
 * page runs no script of its own, so no listener of its load events would run; and img.decode() waits for a frame,
 * which the page, hidden (chromium-launch.ts), never draws. A PDF embeds a JPEG as it is, without its pixels; an image
 * of the page decodes them as it draws.
 */
async function imagesLoaded(page: Page, items: { index: number; src: string }[]): Promise<void> {
  const wanted = JSON.stringify(items.map(({ index, src }) => [index, src]));
  const check = `(function (wanted) {
    var images = document.images;
    return wanted.every(function (item) {
      var img = images[item[0]];
      return img.complete && img.currentSrc === new URL(item[1], document.baseURI).href;
    });
  })(${wanted})`;
  while (!(await page.evaluate(check))) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * The boxes the photos had in a document, by the document and the photos' sizes (a card's layout does not depend on
 * a photo's pixels: they are laid out as same-size placeholders). New photos in a known card (the designer's case:
 * the same template, fresh renders) are fitted while the page loads; the fit after layout then finds the copies made
 * or in the making (the fitted-copy cache is keyed by the photo's bytes and the plan, so a box that moved simply
 * makes its own copy).
 */
const layouts = new Map<string, ImageBox[]>();
const LAYOUTS_KEPT = 16;

/** The key of a document's layout: its markup and the sizes its photos are laid out at. */
export function layoutKey(html: string, served: ServedDocument): string {
  const sizes = [...served.placeholders].map(([path, size]) => `${path}=${size.width}x${size.height}`).join(",");
  return sha1(new TextEncoder().encode(`${html}\n${sizes}`));
}

function rememberLayout(key: string, boxes: ImageBox[]): void {
  layouts.delete(key);
  layouts.set(key, boxes);
  while (layouts.size > LAYOUTS_KEPT) layouts.delete(layouts.keys().next().value!);
}

/**
 * Starts the fitted copies a known layout will ask for (a few at a time); nothing when the layout is new. Each photo
 * fitted this way is decoded over the part its boxes show, and libvips fails on a truncated file (sharp's default
 * `failOn`): its copies made prove it whole, so it needs no separate decode. Returns, per photo path, whether they
 * were all made.
 */
export function prefitPhotos(key: string, served: ServedDocument): Map<string, Promise<boolean>> {
  const proofs = new Map<string, Promise<boolean>>();
  const boxes = layouts.get(key);
  if (!boxes) return proofs;
  const inTurn = fewAtATime();
  for (const box of boxes) {
    const source = served.assets.get(box.path);
    const plan = planFor(box);
    if (!source || !plan || !served.placeholders.has(box.path)) continue;
    const made = inTurn(() => fittedCopy(source, box, plan, /\.jpe?g$/i.test(box.path))).then(
      () => true,
      () => false,
    );
    const earlier = proofs.get(box.path);
    proofs.set(box.path, earlier ? Promise.all([earlier, made]).then(([a, b]) => a && b) : made);
  }
  return proofs;
}

/**
 * Photos fitted at once: three, each on one libvips thread (fitted-copy.ts), keep two cores busy to the last photo;
 * five full-size decodes at once would add ~100 MB to the peak.
 */
const FITS_AT_ONCE = 3;

/** Runs the jobs given to it at most FITS_AT_ONCE at a time, in the order given. */
export function fewAtATime(): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (running >= FITS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
