import type { Page } from "puppeteer-core";
import sharp from "sharp";

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

/** One outer shadow as computed: offsets, blur and spread in CSS px, colour as rgb + alpha. */
interface BoxShadow {
  x: number;
  y: number;
  blur: number;
  spread: number;
  rgb: [number, number, number];
  alpha: number;
}

/** A photo's box (border box, CSS px) and what its shadow image is drawn from. */
interface ShadowedBox {
  index: number;
  width: number;
  height: number;
  /** Corner radii [horizontal, vertical]: top-left, top-right, bottom-right, bottom-left (already scaled to fit). */
  radii: [number, number][];
  shadows: BoxShadow[];
  /** A solid border to draw again as an outline (width 0: none). */
  border: { width: number; color: string };
}

/** The image and where it goes: its outsets beyond the border box (top, right, bottom, left, CSS px). */
interface ShadowImage {
  png: Buffer;
  outsets: [number, number, number, number];
}

/** Blurs below this (CSS px) stay Chromium's: a sharp-edged shadow needs vector edges. */
const SMALLEST_BLUR = 2;
/** More shadows on one box than this keep Chromium's (a template layering dozens is drawing something else). */
const SHADOWS_MAX = 8;
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
  const boxes = (await page.evaluate(MEASURE_SOURCE)) as ShadowedBox[];
  if (!Array.isArray(boxes) || boxes.length === 0) return 0;
  const drawn = await Promise.all(boxes.map((box) => shadowImageFor(box).catch(() => undefined)));
  const swaps = boxes.flatMap((box, i) => {
    const image = drawn[i];
    if (!image) return [];
    const url = `data:image/png;base64,${image.png.toString("base64")}`;
    return [{ index: box.index, url, outsets: image.outsets, border: box.border }];
  });
  if (swaps.length === 0) return 0;
  await page.evaluate((items) => {
    const all = [...document.images];
    for (const { index, url, outsets, border } of items) {
      const style = all[index].style;
      style.setProperty("box-shadow", "none", "important");
      const outset = outsets.map((value) => `${value}px`).join(" ");
      style.setProperty("border-image", `url("${url}") 0 fill / 0 / ${outset} stretch`, "important");
      if (border.width > 0) {
        style.setProperty("outline", `${border.width}px solid ${border.color}`, "important");
        style.setProperty("outline-offset", `${-border.width}px`, "important");
      }
    }
  }, swaps);
  return swaps.length;
}

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
  if (shadows.length === 0 || shadows.length > SHADOWS_MAX || shadows.some((shadow) => shadow.blur < SMALLEST_BLUR))
    return undefined;
  // Skia blurs to three standard deviations (σ = blur / 2).
  const reach = (shadow: BoxShadow, offset: number) => Math.max(0, 1.5 * shadow.blur + shadow.spread + offset);
  const extent = (pick: (shadow: BoxShadow) => number) => Math.ceil(Math.max(...shadows.map(pick)));
  const outsets: ShadowImage["outsets"] = [
    extent((shadow) => reach(shadow, -shadow.y)),
    extent((shadow) => reach(shadow, shadow.x)),
    extent((shadow) => reach(shadow, shadow.y)),
    extent((shadow) => reach(shadow, -shadow.x)),
  ];
  const [top, right, bottom, left] = outsets;
  const area = { x: -left, y: -top, width: width + left + right, height: height + top + bottom };
  // Pixels per CSS px: a wide blur is smooth at half a pixel; a narrow one needs whole or half pixels.
  const sigma = Math.min(...shadows.map((shadow) => shadow.blur / 2));
  const scale = sigma >= 6 ? 0.5 : sigma >= 3 ? 1 : 2;
  const pixels = { width: Math.ceil(area.width * scale), height: Math.ceil(area.height * scale) };
  if (pixels.width * pixels.height > LARGEST_IMAGE) return undefined;
  const svg = shadowSvg(box, area, pixels);
  return { png: await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer(), outsets };
}

/**
 * The shadows as CSS paints them (the first on top): each the box grown by its spread (its radii grown as CSS says),
 * moved by its offset, blurred with σ = blur / 2; the middle cut out a little inside the box's edge, where the photo
 * covers it (a cut on the edge itself would leave a lighter seam).
 */
function shadowSvg(
  box: ShadowedBox,
  area: { x: number; y: number; width: number; height: number },
  pixels: { width: number; height: number },
): string {
  const region = `x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}"`;
  const layers = [...box.shadows].reverse().map((shadow, i) => {
    const shape = roundedRect(
      shadow.x - shadow.spread,
      shadow.y - shadow.spread,
      box.width + 2 * shadow.spread,
      box.height + 2 * shadow.spread,
      box.radii.map(([rx, ry]) => [spreadRadius(rx, shadow.spread), spreadRadius(ry, shadow.spread)]),
    );
    const [r, g, b] = shadow.rgb;
    return (
      `<filter id="b${i}" filterUnits="userSpaceOnUse" ${region}><feGaussianBlur stdDeviation="${shadow.blur / 2}"/>` +
      `</filter><path d="${shape}" fill="rgb(${r},${g},${b})" fill-opacity="${shadow.alpha}" filter="url(#b${i})"/>`
    );
  });
  const inset = 1.5;
  const hole = roundedRect(
    inset,
    inset,
    box.width - 2 * inset,
    box.height - 2 * inset,
    box.radii.map(([rx, ry]) => [Math.max(0, rx - inset), Math.max(0, ry - inset)]),
  );
  const view = `${area.x} ${area.y} ${area.width} ${area.height}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels.width}" height="${pixels.height}" viewBox="${view}" ` +
    `preserveAspectRatio="none"><mask id="m" maskUnits="userSpaceOnUse" ${region}><rect ${region} fill="#fff"/>` +
    `<path d="${hole}" fill="#000"/></mask><g mask="url(#m)">${layers.join("")}</g></svg>`
  );
}

/** CSS Backgrounds 3 (7.1.1): a spread shadow's radius grows with the spread, less so for a small radius. */
export function spreadRadius(radius: number, spread: number): number {
  if (spread < 0) return Math.max(0, radius + spread);
  if (radius === 0 || spread === 0) return radius;
  const ratio = radius / spread;
  return radius + spread * (ratio < 1 ? 1 + (ratio - 1) ** 3 : 1);
}

/** An SVG path of a rectangle with elliptical corners [rx, ry]: top-left, top-right, bottom-right, bottom-left. */
function roundedRect(x: number, y: number, width: number, height: number, radii: number[][]): string {
  const w = Math.max(0, width);
  const h = Math.max(0, height);
  const [[a, b], [c, d], [e, f], [g, k]] = radii;
  return [
    `M${x + a} ${y}H${x + w - c}A${c} ${d} 0 0 1 ${x + w} ${y + d}`,
    `V${y + h - f}A${e} ${f} 0 0 1 ${x + w - e} ${y + h}`,
    `H${x + g}A${g} ${k} 0 0 1 ${x} ${y + h - k}`,
    `V${y + b}A${a} ${b} 0 0 1 ${x + a} ${y}Z`,
  ].join("");
}

/**
 * Runs in the page (as source text: no bundler helpers reach it). The photos that can take a shadow image: a blurred
 * outer box-shadow in plain rgb(a), the picture a JPEG covering the whole box (object-fit fill or cover, no padding,
 * fully opaque, not clipped or masked), no border image or outline, and no border or one solid border of one colour.
 */
const MEASURE_SOURCE = `(function () {
  var px = function (text) { return parseFloat(text) || 0; };
  var number = "(-?[\\\\d.]+)";
  var shadowPattern = new RegExp("^rgba?\\\\(" + [number, number, number].join(", ") + "(?:, " + number + ")?\\\\) " +
    [number, number, number, number].join("px ") + "px$");
  var splitList = function (text) {
    var parts = [], depth = 0, start = 0;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
      else if (text[i] === "," && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    parts.push(text.slice(start).trim());
    return parts;
  };
  var sides = ["top", "right", "bottom", "left"];
  var corners = ["top-left", "top-right", "bottom-right", "bottom-left"];
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
    var shadows = [];
    var parsed = splitList(style.boxShadow).every(function (text) {
      var m = shadowPattern.exec(text);
      if (!m) return false;
      shadows.push({ x: px(m[5]), y: px(m[6]), blur: px(m[7]), spread: px(m[8]),
        rgb: [px(m[1]), px(m[2]), px(m[3])], alpha: m[4] === undefined ? 1 : px(m[4]) });
      return true;
    });
    if (!parsed) continue;
    var border = bordered ? widths[0] : 0;
    var width = px(style.width) + (style.boxSizing === "border-box" ? 0 : 2 * border);
    var height = px(style.height) + (style.boxSizing === "border-box" ? 0 : 2 * border);
    if (!(width > 0 && height > 0 && width < 20000 && height < 20000)) continue;
    var radii = corners.map(function (corner) {
      var parts = style.getPropertyValue("border-" + corner + "-radius").split(" ");
      var axis = function (text, size) { return /%$/.test(text) ? (px(text) / 100) * size : px(text); };
      return [axis(parts[0], width), axis(parts[1] || parts[0], height)];
    });
    var fit = Math.min(1, width / (radii[0][0] + radii[1][0] || 1), width / (radii[3][0] + radii[2][0] || 1),
      height / (radii[0][1] + radii[3][1] || 1), height / (radii[1][1] + radii[2][1] || 1));
    radii = radii.map(function (r) { return [r[0] * fit, r[1] * fit]; });
    found.push({ index: index, width: width, height: height, radii: radii, shadows: shadows,
      border: { width: border, color: bordered ? colors[0] : "" } });
  }
  return found;
})()`;
