import type { Page } from "puppeteer-core";
import sharp from "sharp";
import {
  type BoxShadow,
  type CornerRadii,
  drawable,
  PARSE_SHADOWS_SOURCE,
  roundedRect,
  shadowCanvas,
  shadowLayers,
  shadowSvg,
} from "./shadow-geometry.ts";
import { ADDED_TO_HEAD } from "./html-head.ts";
import { APPLY_PANELS_SOURCE, MEASURE_PANELS_SOURCE, PANEL, type Panel, panelShadowRule } from "./panel-shadows.ts";

/**
 * Why this exists: Skia's PDF backend draws a blurred box-shadow as a mask rasterised at print resolution and
 * compressed into the file, ~6 ms for a 12 px blur on a 160 × 120 photo and ~11 ms for a 40 px one, card after card
 * (the bench's heavy card spent ~90 of its ~170 ms of printing on the shadows of its 11 photos). A blur needs no print
 * resolution: here each photo's blurred shadows are drawn once, at half or whole CSS pixels, as a PNG that the photo
 * itself shows around it (a border image with an outset, painted where the shadow was: under the photo), for
 * 1.5–2 ms a photo.
 *
 * Only photos whose picture covers their whole box take it (a JPEG, object-fit fill or cover, no padding), so the
 * shadow under them never shows; a solid border of one colour is drawn again as an outline of the same shape
 * (a border image replaces the border). Anything else keeps its box-shadow as Chromium draws it.
 */

/** A photo's box (border box, CSS px) and what its shadow image is drawn from. */
interface ShadowedBox {
  index: number;
  width: number;
  height: number;
  /** Already scaled to fit. */
  radii: CornerRadii;
  shadows: BoxShadow[];
  /** A solid border to draw again as an outline (width 0: none). */
  border: { width: number; color: string };
}

/** The image and where it goes: its outsets beyond the border box (top, right, bottom, left, CSS px). */
interface ShadowImage {
  png: Buffer;
  outsets: [number, number, number, number];
}

/** An image larger than this (pixels) is not worth drawing: the box keeps its own shadow. */
const LARGEST_IMAGE = 4_000_000;
/** Shadows kept by geometry: a card's strip of photos shares one; the next card of the template reuses them. */
const images = new Map<string, Promise<ShadowImage | undefined>>();
const IMAGES_KEPT = 32;

/**
 * Draws the blurred shadows of the card's photos as images (see above). Returns how many photos took one; a box
 * whose image cannot be drawn keeps its own shadow.
 */
export async function drawShadowsAsImages(page: Page): Promise<number> {
  const measured = (await page.evaluate(`[${MEASURE_SOURCE}, ${MEASURE_PANELS_SOURCE}]`)) as [ShadowedBox[], Panel[]];
  if (!Array.isArray(measured)) return 0;
  const [photos, panels] = measured;
  if (photos.length + panels.length === 0) return 0;
  const [photoImages, panelRules] = await Promise.all([
    Promise.all(photos.map((photo) => shadowImageFor(photo).catch(() => undefined))),
    Promise.all(panels.map((panel) => panelShadowRule(panel).catch(() => undefined))),
  ]);
  const photoSwaps = photos.flatMap((photo, i) => {
    const image = photoImages[i];
    if (!image) return [];
    const url = `data:image/png;base64,${image.png.toString("base64")}`;
    return [{ index: photo.index, url, outsets: image.outsets, border: photo.border }];
  });
  const panelSwaps = panels.flatMap((panel, i) => {
    const before = panelRules[i];
    return before
      ? [{ index: panel.index, width: panel.width, height: panel.height, insets: panel.insets, before }]
      : [];
  });
  if (photoSwaps.length + panelSwaps.length === 0) return 0;
  const args = [photoSwaps, panelSwaps, PANEL, ADDED_TO_HEAD].map((arg) => JSON.stringify(arg));
  const taken = await page.evaluate(
    `(${APPLY_PHOTOS_SOURCE})(${args[0]}) + (${APPLY_PANELS_SOURCE})(${args.slice(1).join(", ")})`,
  );
  return typeof taken === "number" ? taken : 0;
}

/** Runs in the page: each photo shows its shadow image as a border image (its border, if any, as an outline). */
const APPLY_PHOTOS_SOURCE = `function (items) {
  var all = document.images;
  items.forEach(function (item) {
    var style = all[item.index].style;
    style.setProperty("box-shadow", "none", "important");
    var outset = item.outsets.map(function (value) { return value + "px"; }).join(" ");
    style.setProperty("border-image", 'url("' + item.url + '") 0 fill / 0 / ' + outset + " stretch", "important");
    if (item.border.width > 0) {
      style.setProperty("outline", item.border.width + "px solid " + item.border.color, "important");
      style.setProperty("outline-offset", -item.border.width + "px", "important");
    }
  });
  return items.length;
}`;

/** The shadow image of a box, drawn once per geometry (undefined: too large, or nothing to draw). */
function shadowImageFor(box: ShadowedBox): Promise<ShadowImage | undefined> {
  const key = JSON.stringify([box.width, box.height, box.radii, box.shadows]);
  let image = images.get(key);
  if (image) images.delete(key);
  else image = drawShadowImage(box);
  images.set(key, image);
  while (images.size > IMAGES_KEPT) images.delete(images.keys().next().value!);
  return image;
}

async function drawShadowImage(box: ShadowedBox): Promise<ShadowImage | undefined> {
  const { width, height, shadows } = box;
  if (!drawable(shadows)) return undefined;
  const { outsets, area, pixels } = shadowCanvas(box, shadows);
  if (pixels.width * pixels.height > LARGEST_IMAGE) return undefined;
  // The middle is cut out a little inside the box's edge, where the photo covers it (a cut on the edge itself would
  // leave a lighter seam).
  const inset = 1.5;
  const hole = roundedRect(
    inset,
    inset,
    width - 2 * inset,
    height - 2 * inset,
    box.radii.map(([rx, ry]) => [Math.max(0, rx - inset), Math.max(0, ry - inset)]),
  );
  const svg = shadowSvg(shadowLayers(box, box.radii, shadows, area), hole, area, pixels);
  return { png: await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer(), outsets };
}

/**
 * Runs in the page (as source text: no bundler helpers reach it). The photos that can take a shadow image: a blurred
 * outer box-shadow in plain rgb(a), the picture a JPEG covering the whole box (object-fit fill or cover, no padding,
 * fully opaque, not clipped or masked), no border image or outline, and no border or one solid border of one colour.
 */
const MEASURE_SOURCE = `(function () {${PARSE_SHADOWS_SOURCE}
  var sides = ["top", "right", "bottom", "left"];
  var found = [];
  var images = document.images;
  for (var index = 0; index < images.length && found.length < 200; index++) {
    var img = images[index];
    var style = getComputedStyle(img);
    if (style.boxShadow === "none" || style.borderImageSource !== "none" || style.outlineStyle !== "none") continue;
    if (!img.complete || !img.naturalWidth || !/\\.jpe?g$/i.test(new URL(img.currentSrc).pathname)) continue;
    if (style.objectFit !== "fill" && style.objectFit !== "cover") continue;
    if (style.opacity !== "1" || style.clipPath !== "none" || style.maskImage !== "none") continue;
    if (style.filter !== "none" || style.mixBlendMode !== "normal" || style.visibility !== "visible") continue;
    if (sides.some(function (side) { return px(style.getPropertyValue("padding-" + side)) !== 0; })) continue;
    var widths = sides.map(function (side) { return px(style.getPropertyValue("border-" + side + "-width")); });
    var colors = sides.map(function (side) { return style.getPropertyValue("border-" + side + "-color"); });
    var styles = sides.map(function (side) { return style.getPropertyValue("border-" + side + "-style"); });
    var bordered = widths.some(function (w) { return w > 0; });
    if (bordered && (widths.some(function (w) { return w !== widths[0]; }) ||
        styles.some(function (s) { return s !== "solid"; }) || colors.some(function (c) { return c !== colors[0]; }) ||
        !/^rgb\\(/.test(colors[0]))) continue;
    var parsed = parseShadows(style.boxShadow);
    if (!parsed || parsed.inset.length > 0) continue;
    var shadows = parsed.outer;
    var border = bordered ? widths[0] : 0;
    var width = px(style.width) + (style.boxSizing === "border-box" ? 0 : 2 * border);
    var height = px(style.height) + (style.boxSizing === "border-box" ? 0 : 2 * border);
    if (!(width > 0 && height > 0 && width < 20000 && height < 20000)) continue;
    var radii = cornerRadii(style, width, height);
    found.push({ index: index, width: width, height: height, radii: radii, shadows: shadows,
      border: { width: border, color: bordered ? colors[0] : "" } });
  }
  return found;
})()`;
