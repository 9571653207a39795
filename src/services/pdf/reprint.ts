import type { Page } from "puppeteer-core";
import type { ServedDocument } from "./request-filter.ts";
import { copyForBox, fewAtATime, PhotosNotWhole, swapImages } from "./fit-images.ts";
import { ADDED_TO_HEAD } from "./html-head.ts";
import { PANEL, RESIZED_PANELS_SOURCE } from "./panel-shadows.ts";

/**
 * A card kept on the page after it was printed, so that the same card with other words can be printed again without
 * a new load: the generator rehearses the card with the owner's draft while Gemini writes, then prints it with
 * Gemini's texts; the card on show is kept too, for ✏️ Edit, 🔄 Again and the next card of the template. Its layout
 * stays: the words change, and photos of the same sizes are fitted to the same boxes and swapped in.
 */
export interface KeptCard {
  /** The document as the template made it (before the <base> and the tile styles were put in its head). */
  html: string;
  /** The files it was given (the served map also holds the fitted copies made since). */
  files: Map<string, Uint8Array>;
  placeholders: Map<string, { width: number; height: number }>;
  served: ServedDocument;
  /** Each <img>'s laid-out size once the card was finished: a photo's box that changes needs another fit. */
  imageBoxes: string;
}

/**
 * Whether a render of these files can reuse the kept card, and with which photos swapped: the template's own files
 * the same byte for byte; photos (laid out as placeholders) at the same sizes, other bytes allowed when every <img>
 * showing them was fitted (no photo used where only a new load reaches, like a CSS background). Undefined: draw anew.
 */
export function reprintFor(
  kept: KeptCard,
  files: Map<string, Uint8Array>,
  placeholders: Map<string, { width: number; height: number }>,
): { newPhotos: string[] } | undefined {
  if (kept.files.size !== files.size || kept.placeholders.size !== placeholders.size) return undefined;
  for (const [path, size] of placeholders) {
    const before = kept.placeholders.get(path);
    if (before?.width !== size.width || before.height !== size.height) return undefined;
  }
  const newPhotos: string[] = [];
  for (const [path, bytes] of files) {
    const before = kept.files.get(path);
    if (!before) return undefined;
    if (before === bytes || sameBytes(before, bytes)) continue;
    if (!placeholders.has(path) || !kept.served.photoBoxes) return undefined;
    newPhotos.push(path);
  }
  return { newPhotos };
}

/** Compared through views: Buffer.from(a Buffer) copies it (five photos: 1.8 MB, twice per card). */
const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.byteLength === b.byteLength &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** The laid-out size of every <img>, in document order (a string: compared whole). */
export function imageBoxesOf(page: Page): Promise<string> {
  return page.evaluate(() => [...document.images].map((img) => `${img.offsetWidth}x${img.offsetHeight}`).join(","));
}

/** Elements that load, run, style or embed something: never written into a kept card. */
const LOADING_ELEMENTS = [
  ...["img", "image", "picture", "source", "svg", "video", "audio", "track", "object", "embed", "iframe", "frame"],
  ...["frameset", "input", "link", "style", "script", "base", "meta", "template", "canvas", "math", "noscript"],
  "portal",
];
/** Attributes that name a URL or carry style: never written into a kept card. */
const URL_ATTRIBUTES = [
  ...["src", "srcset", "href", "xlink:href", "background", "poster", "data", "action", "formaction", "style"],
  ...["ping", "lowsrc", "dynsrc"],
];

/**
 * Runs in the page (as source text: no bundler helpers reach it). Parses the kept card's markup and the new one
 * (inert documents: nothing loads, nothing runs), walks both beside the live document, and collects the edits that
 * turn the live card into the new one: a changed text, or a changed subtree that holds only plain markup (no image,
 * style, link, frame or URL of any kind: nothing new to load or fit). Anything else (another photo, another style,
 * a live node that is not what the kept markup says) returns -1 and changes nothing. Edits are made only when the
 * whole walk agrees; it returns how many.
 */
const MORPH_SOURCE = `(function (oldHtml, newHtml, added, loadingElements, urlAttributes) {
  var parse = function (html) { return new DOMParser().parseFromString(html, "text/html"); };
  var loads = new RegExp("^(" + loadingElements.join("|") + ")$", "i");
  var urlAttribute = new RegExp("^(" + urlAttributes.join("|") + ")$", "i");
  var plain = function (node) {
    if (node.nodeType === 3 || node.nodeType === 8) return true;
    if (node.nodeType !== 1 || loads.test(node.localName)) return false;
    for (var i = 0; i < node.attributes.length; i++) {
      var attribute = node.attributes[i];
      if (urlAttribute.test(attribute.name) || /url\\(|image-set|@import/i.test(attribute.value)) return false;
    }
    for (var j = 0; j < node.childNodes.length; j++) if (!plain(node.childNodes[j])) return false;
    return true;
  };
  var sameAttributes = function (a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++)
      if (b.getAttribute(a.attributes[i].name) !== a.attributes[i].value) return false;
    return true;
  };
  var liveChildren = function (node) {
    return Array.prototype.filter.call(node.childNodes, function (child) {
      return !(child.nodeType === 1 && child.hasAttribute(added));
    });
  };
  var edits = [];
  var walk = function (before, after, live) {
    if (before.nodeType !== live.nodeType || before.nodeName !== live.nodeName) return false;
    if (before.isEqualNode(after)) return true;
    if (before.nodeType === 3 && after.nodeType === 3) {
      if (live.data !== before.data || /^(style|script)$/i.test(before.parentNode.localName)) return false;
      edits.push(function () { live.data = after.data; });
      return true;
    }
    if (before.nodeType === 1 && after.nodeType === 1 && before.localName === after.localName &&
        sameAttributes(before, after) && !loads.test(before.localName)) {
      var kids = liveChildren(live);
      var was = Array.prototype.slice.call(before.childNodes);
      var now = Array.prototype.slice.call(after.childNodes);
      if (kids.length !== was.length) return false;
      var mark = edits.length;
      if (was.length === now.length) {
        var paired = true;
        for (var i = 0; paired && i < kids.length; i++) paired = walk(was[i], now[i], kids[i]);
        if (paired) return true;
        edits.length = mark;
      }
      // Other children in the middle (a paragraph more or less): the same ones before and after it stay.
      var head = 0;
      while (head < was.length && head < now.length && was[head].isEqualNode(now[head])) head++;
      var tail = 0;
      while (tail < was.length - head && tail < now.length - head &&
        was[was.length - 1 - tail].isEqualNode(now[now.length - 1 - tail])) tail++;
      var gone = kids.slice(head, kids.length - tail);
      var come = now.slice(head, now.length - tail);
      if (!was.slice(head, was.length - tail).every(plain) || !come.every(plain)) return false;
      for (var k = 0; k < gone.length; k++) if (gone[k].nodeName !== was[head + k].nodeName) return false;
      var anchor = kids[kids.length - tail] || null;
      edits.push(function () {
        gone.forEach(function (node) { node.remove(); });
        come.forEach(function (node) { live.insertBefore(document.importNode(node, true), anchor); });
      });
      return true;
    }
    if (!plain(before) || !plain(after)) return false;
    edits.push(function () { live.replaceWith(document.importNode(after, true)); });
    return true;
  };
  var before = parse(oldHtml);
  var after = parse(newHtml);
  if (!walk(before.documentElement, after.documentElement, document.documentElement)) return -1;
  edits.forEach(function (edit) { edit(); });
  return edits.length;
})`;

/**
 * Starts fitting the new photos of a render to the kept card's boxes, before the template runs (the copies land in
 * fitted-copy's cache, where reprintKeptCard finds them): nothing when these files cannot reprint the kept card.
 */
export function prefitForKeptCard(
  kept: KeptCard,
  files: Map<string, Uint8Array>,
  placeholders: Map<string, { width: number; height: number }>,
): void {
  const reprint = reprintFor(kept, files, placeholders);
  if (reprint) for (const copy of fitToKeptBoxes(kept, reprint.newPhotos, files).copies) copy.catch(() => undefined);
}

/** The new photos' copies for the kept card's boxes that show them, a few at a time, from these files' bytes. */
function fitToKeptBoxes(kept: KeptCard, newPhotos: string[], files: Map<string, Uint8Array>) {
  const boxes = (kept.served.photoBoxes ?? []).filter((box) => newPhotos.includes(box.path));
  const inTurn = fewAtATime();
  const copies = boxes.map((box) => inTurn(() => copyForBox(box, { ...kept.served, assets: files })));
  return { boxes, copies };
}

/** What reprints a kept card: the new markup, its files, and the checks of photos not proven whole yet. */
export interface Reprint {
  kept: KeptCard;
  html: string;
  files: Map<string, Uint8Array>;
  newPhotos: string[];
  photoChecks?: Map<string, () => Promise<boolean>>;
}

/**
 * The kept card with the new words and photos, on the live page: the new photos' copies are fitted to the kept boxes
 * (which proves them whole: libvips fails on a truncated file) while the words change; then the <img>s showing them
 * are swapped and every photo's box is checked. False when the card must be drawn anew (the caller clears the page);
 * PhotosNotWhole when a photo is broken.
 */
export async function reprintKeptCard(page: Page, reprint: Reprint, phase: (name: string) => void): Promise<boolean> {
  const { kept, newPhotos } = reprint;
  const served = kept.served;
  // Fitted from the new bytes (the served map still holds the old ones until the swap).
  const fitting = fitToKeptBoxes(kept, newPhotos, reprint.files);
  const boxes = fitting.boxes;
  const copies = fitting.copies.map((copy) =>
    copy.then(
      (swap) => ({ swap, whole: true }),
      () => ({ swap: undefined, whole: false }),
    ),
  );
  // The kept card's own photos were proven whole when it was made (a broken one ends a card); a new photo is proven
  // by its fits, or by its own check when no box shows it.
  const fitted = new Set(boxes.map((box) => box.path));
  const unproven = [...(reprint.photoChecks ?? [])].filter(([path]) => newPhotos.includes(path) && !fitted.has(path));
  const checks = unproven.map(([, check]) => check());
  const verdicts = Promise.all([...checks, ...copies.map((copy) => copy.then(({ whole }) => whole))]);
  verdicts.catch(() => undefined);
  if (!(await morphKeptCard(page, kept, reprint.html))) return false;
  phase("words changed");
  if (newPhotos.length === 0) return true;
  if (!(await verdicts).every(Boolean)) throw new PhotosNotWhole("a photo is broken");
  const swaps = await Promise.all(copies.map((copy) => copy.then(({ swap }) => swap)));
  phase("photos fitted");
  for (const path of newPhotos) served.assets.set(path, reprint.files.get(path)!);
  const boxesAfter = await swapImages(page, served, swaps);
  phase("photos swapped");
  return boxesAfter === kept.imageBoxes;
}

/**
 * Turns the kept card into the new markup on the live page (see MORPH_SOURCE), then checks that every photo kept its
 * box: a fitted copy is cropped to its box. False when the card must be drawn anew (the page is then left as it is:
 * the caller clears it).
 */
async function morphKeptCard(page: Page, kept: KeptCard, html: string): Promise<boolean> {
  // The same markup (the same words): nothing on the page changes.
  if (html === kept.html) return true;
  const args = [kept.html, html, ADDED_TO_HEAD, LOADING_ELEMENTS, URL_ATTRIBUTES].map((arg) => JSON.stringify(arg));
  const call = `${MORPH_SOURCE}(${args.join(", ")})`;
  const edits = await page.evaluate(call);
  if (typeof edits !== "number" || edits < 0) return false;
  // New words may need a font face not loaded yet (unicode-range): the card waits for it as a first load does. A panel
  // they resized gets its own shadow back (panel-shadows.ts).
  await page.evaluate(
    `document.fonts.ready.then(function () { return (${RESIZED_PANELS_SOURCE})(${JSON.stringify(PANEL)}); })`,
  );
  return (await imageBoxesOf(page)) === kept.imageBoxes;
}
