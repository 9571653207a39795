import type { Page } from "puppeteer-core";
import type { ServedDocument } from "./request-filter.ts";

/**
 * A card kept on the page after it was printed, so that the same card with other words can be printed again without
 * a new load: the generator rehearses the card with the owner's draft while Gemini writes, then prints it with
 * Gemini's texts; the card on show is kept too, for ✏️ Edit and 🔄 Again. Its photos stay laid out, fitted and
 * decoded; only the words change.
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

/** Marks what drawCard puts at the head's start (<base>, the tile styles): not the template's, skipped by the morph. */
export const ADDED_TO_HEAD = "data-card-head";

/** Whether a render of these files can reuse the kept card: the same files, byte for byte, at the same sizes. */
export function sameFiles(
  kept: KeptCard,
  files: Map<string, Uint8Array>,
  placeholders: Map<string, { width: number; height: number }>,
): boolean {
  if (kept.files.size !== files.size || kept.placeholders.size !== placeholders.size) return false;
  for (const [path, bytes] of files) {
    const before = kept.files.get(path);
    if (!before || !(before === bytes || Buffer.from(before).equals(bytes))) return false;
  }
  for (const [path, size] of placeholders) {
    const before = kept.placeholders.get(path);
    if (before?.width !== size.width || before.height !== size.height) return false;
  }
  return true;
}

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
 * Turns the kept card into the new markup on the live page (see MORPH_SOURCE), then checks that every photo kept its
 * box: a fitted copy is cropped to its box. False when the card must be drawn anew (the page is then left as it is:
 * the caller clears it).
 */
export async function morphKeptCard(page: Page, kept: KeptCard, html: string): Promise<boolean> {
  const args = [kept.html, html, ADDED_TO_HEAD, LOADING_ELEMENTS, URL_ATTRIBUTES].map((arg) => JSON.stringify(arg));
  const call = `${MORPH_SOURCE}(${args.join(", ")})`;
  const edits = await page.evaluate(call);
  if (typeof edits !== "number" || edits < 0) return false;
  // New words may need a font face not loaded yet (unicode-range): the card waits for it as a first load does.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return (await imageBoxesOf(page)) === kept.imageBoxes;
}
