import sharp from "sharp";
import {
  type BoxShadow,
  type CornerRadii,
  drawable,
  PARSE_SHADOWS_SOURCE,
  roundedRect,
  shadowCanvas,
  shadowLayers,
} from "./shadow-geometry.ts";

/**
 * The blurred outer shadows of translucent boxes other than photos (a card's glass panel), drawn once as an image
 * instead of by Skia's PDF backend at print resolution on every card: ~9 ms of the bench's heavy card's ~30 ms PDF
 * step went to its lead panel's one 24 px shadow.
 *
 * A panel's background may be translucent, so its shadow must stop exactly at its edge. The image (the blurred
 * shadows alone, at half or whole CSS pixels like a photo's) is the background of the panel's ::before, laid under
 * the panel's content, with the panel's shape cut out by a clip path: a vector edge, as sharp in the PDF as the
 * panel's own. (Cut in the image itself, at image resolution, the edge showed a light ring in a PDF viewer; a
 * nine-slice border image showed seams where its pieces met.)
 *
 * Only panels that let what is under them show take it (a translucent colour or gradient): under an opaque panel
 * Chromium draws the shadow whole, where a cut at the edge would show a light ring in a PDF viewer. And only panels
 * where the ::before changes nothing else: positioned (the ::before is placed against it),
 * overflow visible, no ::before of their own, and no descendant with a z-index or a blend mode (the panel becomes a
 * stacking context, so the ::before lies over its background and under its content); laid out as one block-level
 * box; shadows in plain rgb(a). Inset shadows stay with the panel as Chromium draws them.
 */

/** A panel's border box (CSS px, its borders' widths from the padding box) and its shadows. */
export interface Panel {
  /** Among the body's elements. */
  index: number;
  width: number;
  height: number;
  /** Border widths: top, right, bottom, left (the ::before is placed from the padding box). */
  borders: [number, number, number, number];
  /** Already scaled to fit. */
  radii: CornerRadii;
  shadows: BoxShadow[];
  /** The panel's inset shadows as computed, kept as its box-shadow ("none" without). */
  insets: string;
}

/** Marks a panel whose shadows are its ::before; `${PANEL}-size` holds the border box they were drawn for. */
export const PANEL = "data-card-shadow";
const LARGEST_IMAGE = 4_000_000;
const images = new Map<string, Promise<Buffer | undefined>>();
const IMAGES_KEPT = 32;

/** The panel's ::before, as CSS declarations (undefined: nothing it can draw). */
export async function panelShadowRule(panel: Panel): Promise<string | undefined> {
  const key = JSON.stringify([panel.width, panel.height, panel.radii, panel.shadows]);
  const known = images.get(key);
  if (known) images.delete(key);
  const image = known ?? drawPanelShadow(panel);
  images.set(key, image);
  while (images.size > IMAGES_KEPT) images.delete(images.keys().next().value!);
  const png = await image;
  if (!png) return undefined;
  const { outsets, area } = shadowCanvas(panel, panel.shadows);
  const [top, , , left] = outsets;
  // The whole area, and the panel's shape inside it: even-odd leaves the shape out.
  const clip = `M0 0H${area.width}V${area.height}H0Z${roundedRect(left, top, panel.width, panel.height, panel.radii)}`;
  const [bt, , , bl] = panel.borders;
  const declarations = [
    `content:""`,
    `display:block`,
    `position:absolute`,
    `left:${-(left + bl)}px`,
    `top:${-(top + bt)}px`,
    `right:auto`,
    `bottom:auto`,
    `width:${area.width}px`,
    `height:${area.height}px`,
    `margin:0`,
    `padding:0`,
    `border:0`,
    `box-sizing:border-box`,
    `z-index:-1`,
    `transform:none`,
    `opacity:1`,
    `filter:none`,
    `box-shadow:none`,
    `background:url("data:image/png;base64,${png.toString("base64")}") 0 0 / 100% 100% no-repeat`,
    `clip-path:path(evenodd, "${clip}")`,
    `pointer-events:none`,
  ];
  return declarations.map((declaration) => `${declaration} !important`).join(";");
}

async function drawPanelShadow(panel: Panel): Promise<Buffer | undefined> {
  if (!drawable(panel.shadows)) return undefined;
  const { area, pixels } = shadowCanvas(panel, panel.shadows);
  if (pixels.width * pixels.height > LARGEST_IMAGE) return undefined;
  const view = `${area.x} ${area.y} ${area.width} ${area.height}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels.width}" height="${pixels.height}" viewBox="${view}" ` +
    `preserveAspectRatio="none">${shadowLayers(panel, panel.radii, panel.shadows, area)}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
}

/** In-page source text: `borderBox(style)` is an element's border box [width, height] in CSS px, from its style. */
const BORDER_BOX_SOURCE = `
  var px = function (text) { return parseFloat(text) || 0; };
  var borderBox = function (style) {
    var edges = function (a, b) {
      return style.boxSizing === "border-box" ? 0 : px(style.getPropertyValue("padding-" + a)) +
        px(style.getPropertyValue("padding-" + b)) + px(style.getPropertyValue("border-" + a + "-width")) +
        px(style.getPropertyValue("border-" + b + "-width"));
    };
    return [px(style.width) + edges("left", "right"), px(style.height) + edges("top", "bottom")];
  };
`;

/**
 * Runs in the page. The panels that can take a shadow image (see above): any element of the body but an <img>
 * (photos take theirs in shadow-images.ts).
 */
export const MEASURE_PANELS_SOURCE = `(function () {${PARSE_SHADOWS_SOURCE}${BORDER_BOX_SOURCE}
  var sides = ["top", "right", "bottom", "left"];
  var blockLevel = /^(block|inline-block|flex|inline-flex|grid|inline-grid|flow-root|list-item)$/;
  var translucent = /rgba\\([^)]*, (0|0?\\.\\d+)\\)|transparent/;
  var seeThrough = function (style) {
    if (/url\\(/.test(style.backgroundImage)) return false;
    return style.backgroundImage === "none" ? translucent.test(style.backgroundColor) :
      translucent.test(style.backgroundImage);
  };
  var found = [];
  var all = document.body ? document.body.getElementsByTagName("*") : [];
  for (var index = 0; index < all.length && found.length < 100; index++) {
    var element = all[index];
    if (element.namespaceURI !== "http://www.w3.org/1999/xhtml" || element.localName === "img") continue;
    var style = getComputedStyle(element);
    if (style.boxShadow === "none" || style.position === "static" || style.visibility !== "visible") continue;
    if (style.overflowX !== "visible" || style.overflowY !== "visible" || !/^(none|)$/.test(style.contain)) continue;
    if (!blockLevel.test(style.display) || element.getClientRects().length !== 1) continue;
    if (element.style.getPropertyPriority("box-shadow")) continue;
    if (!seeThrough(style)) continue;
    var before = getComputedStyle(element, "::before").content;
    if (before !== "none" && before !== "normal") continue;
    var parsed = parseShadows(style.boxShadow);
    if (!parsed || parsed.outer.length === 0) continue;
    var layered = Array.prototype.some.call(element.getElementsByTagName("*"), function (inner) {
      var innerStyle = getComputedStyle(inner);
      return innerStyle.zIndex !== "auto" || innerStyle.mixBlendMode !== "normal";
    });
    if (layered) continue;
    var borders = sides.map(function (side) { return px(style.getPropertyValue("border-" + side + "-width")); });
    var size = borderBox(style);
    var width = size[0];
    var height = size[1];
    if (!(width > 0 && height > 0 && width < 20000 && height < 20000)) continue;
    found.push({ index: index, width: width, height: height, borders: borders,
      radii: cornerRadii(style, width, height), shadows: parsed.outer,
      insets: parsed.inset.length ? parsed.inset.join(", ") : "none" });
  }
  return found;
})()`;

/**
 * Runs in the page with each panel's ::before: one stylesheet (marked as drawCard's own) gives each marked panel its
 * ::before and its inset shadows only, and makes it a stacking context. A panel the template's own `!important` rules
 * keep from taking all of it loses its mark (and keeps its shadow). Returns how many took it.
 */
export const APPLY_PANELS_SOURCE = `(function (items, mark, added) {
  var all = document.body.getElementsByTagName("*");
  var rules = items.map(function (item, i) {
    var element = all[item.index];
    element.setAttribute(mark, String(i));
    element.setAttribute(mark + "-size", item.width + " " + item.height);
    var selector = "[" + mark + '="' + i + '"]';
    return selector + "{box-shadow:" + item.insets + " !important;isolation:isolate !important}" +
      selector + "::before{" + item.before + "}";
  });
  var sheet = document.createElement("style");
  sheet.setAttribute(added, "");
  sheet.textContent = rules.join("\\n");
  document.head.appendChild(sheet);
  var taken = 0;
  items.forEach(function (item) {
    var element = all[item.index];
    var style = getComputedStyle(element);
    var before = getComputedStyle(element, "::before");
    if (style.boxShadow !== item.insets || style.isolation !== "isolate" || before.position !== "absolute" ||
        before.clipPath === "none") element.removeAttribute(mark);
    else taken++;
  });
  return taken;
})`;

/**
 * Runs in the page after a kept card's words changed: a panel no longer the size its shadow was drawn for loses its
 * mark, so Chromium draws its shadow again. Returns how many.
 */
export const RESIZED_PANELS_SOURCE = `(function (mark) {${BORDER_BOX_SOURCE}
  var changed = 0;
  document.querySelectorAll("[" + mark + "]").forEach(function (element) {
    var drawn = (element.getAttribute(mark + "-size") || "").split(" ").map(Number);
    var size = borderBox(getComputedStyle(element));
    if (Math.abs(size[0] - drawn[0]) < 0.01 && Math.abs(size[1] - drawn[1]) < 0.01) return;
    element.removeAttribute(mark);
    changed++;
  });
  return changed;
})`;
