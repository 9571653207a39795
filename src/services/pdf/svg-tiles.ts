import { createHash } from "node:crypto";
import sharp from "sharp";
import type { Page } from "puppeteer-core";
import { fittedName } from "./fit-images.ts";
import { PRINT_SCALE } from "./fitted-copy.ts";
import { pathUnder, type ServedDocument } from "./request-filter.ts";

/**
 * A repeated SVG background as laid out: the element (a selector that finds it again), the SVG, the tile's CSS size.
 */
interface SvgTile {
  selector: string;
  url: string;
  /** "40px 40px", "40px", "auto"… as computed. */
  size: string;
  /** How much larger the element is drawn than its layout size (ancestor transforms). */
  scale: number;
}

const MAX_TILE_PX = 2048;

/**
 * Why this exists: Chromium's PDF backend cannot keep a repeated SVG background
 * as a vector pattern once a transform or opacity applies to it, and paints the
 * whole area as one page-sized lossless image instead (~150 ms and ~1 MB on an
 * A4 card with a rotated, faded pattern). A PNG tile stays a PDF tiling pattern
 * (~4 ms, a few kB). So each repeated single-layer SVG background is drawn by
 * librsvg as a PNG tile at PRINT_SCALE × its printed size and set back with the
 * same tile size, through a stylesheet (selectors by position in the tree) that
 * the next load of the same document carries, so the page's load waits for the tiles.
 * Returns that stylesheet, or "" when there is nothing to replace.
 */
export async function svgTileStylesheet(page: Page, served: ServedDocument): Promise<string> {
  const tiles: SvgTile[] = await page.evaluate((base) => {
    const found: { selector: string; url: string; size: string; scale: number }[] = [];
    for (const element of document.querySelectorAll("body, body *")) {
      if (!(element instanceof HTMLElement)) continue;
      const style = getComputedStyle(element);
      const image = style.backgroundImage;
      if (!image.startsWith("url(") || image.split("url(").length !== 2 || image.includes("gradient(")) continue;
      if (
        style.backgroundRepeat.includes(",") ||
        style.backgroundRepeat === "no-repeat" ||
        style.backgroundSize.includes(",")
      )
        continue;
      const quoted = /^url\("((?:[^"\\]|\\.)*)"\)$/s.exec(image);
      if (!quoted) continue;
      // CSS string escapes: \22 (hex code point, optional space after) and \" style.
      const url = quoted[1].replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g, (_, hex, char) =>
        hex ? String.fromCodePoint(parseInt(hex, 16)) : char,
      );
      const svg =
        url.startsWith("data:image/svg+xml") || (url.startsWith(base) && /\.svg$/i.test(new URL(url).pathname));
      if (!svg || element.offsetWidth === 0 || element.offsetHeight === 0) continue;
      const rect = element.getBoundingClientRect();
      const scale = Math.max(1, rect.width / element.offsetWidth, rect.height / element.offsetHeight);
      const path: string[] = [];
      for (let node: Element = element; node.parentElement; node = node.parentElement) {
        path.unshift(`:nth-child(${[...node.parentElement.children].indexOf(node) + 1})`);
      }
      found.push({ selector: `:root > ${path.join(" > ")}`, url, size: style.backgroundSize, scale });
    }
    return found;
  }, served.base);
  const rules = await Promise.all(tiles.map((tile) => tileRule(tile, served)));
  return rules.filter(Boolean).join("\n");
}

async function tileRule(tile: SvgTile, served: ServedDocument): Promise<string> {
  const svg = svgBytes(tile.url, served);
  if (!svg) return "";
  const size = tileSize(tile.size, intrinsicSize(svg));
  if (!size) return "";
  const width = Math.min(MAX_TILE_PX, Math.max(1, Math.round(size.width * tile.scale * PRINT_SCALE)));
  const height = Math.min(MAX_TILE_PX, Math.max(1, Math.round(size.height * tile.scale * PRINT_SCALE)));
  let png: Buffer;
  try {
    const { width: drawnWidth = width, height: drawnHeight = height } = await sharp(svg).metadata();
    // libvips draws SVG px at 72 dpi: the density that draws the vector at the tile's size (no pixels scaled up, no
    // huge canvas).
    const density = Math.min(10_000, Math.max(1, 72 * Math.max(width / drawnWidth, height / drawnHeight)));
    png = await sharp(svg, { density }).resize(width, height, { fit: "fill" }).png({ compressionLevel: 6 }).toBuffer();
  } catch {
    return ""; // librsvg could not draw it: Chromium keeps the SVG (slower, still right).
  }
  const src = fittedName(png, "png");
  served.assets.set(src, png);
  const cssSize = `${size.width}px ${size.height}px`;
  return `${tile.selector} { background-image: url("${src}") !important; background-size: ${cssSize} !important; }`;
}

function svgBytes(url: string, served: ServedDocument): Buffer | undefined {
  if (url.startsWith("data:")) {
    const comma = url.indexOf(",");
    if (comma < 0) return undefined;
    const meta = url.slice(5, comma);
    const payload = url.slice(comma + 1);
    try {
      return meta.endsWith(";base64")
        ? Buffer.from(payload, "base64")
        : Buffer.from(decodeURIComponent(payload), "utf8");
    } catch {
      return undefined;
    }
  }
  const bytes = served.assets.get(pathUnder(served.base, url));
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

/** The root <svg>'s own width and height when both are absolute (px or unitless): what `background-size: auto` uses. */
export function intrinsicSize(svg: Buffer): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg.toString("utf8"))?.[0];
  if (!root) return undefined;
  const attribute = (name: string) => {
    const value = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)(px)?\\s*["']`, "i").exec(root)?.[1];
    return value ? parseFloat(value) : undefined;
  };
  const width = attribute("width");
  const height = attribute("height");
  return width && height ? { width, height } : undefined;
}

/**
 * The tile's CSS size from the computed background-size: two px lengths, one px
 * length (height from the SVG's ratio), or auto (the SVG's own size). Anything
 * else (cover, contain, percentages) is not a fixed tile: undefined, left as is.
 */
export function tileSize(
  backgroundSize: string,
  intrinsic: { width: number; height: number } | undefined,
): { width: number; height: number } | undefined {
  const parts = backgroundSize.trim().split(/\s+/);
  const px = (part: string | undefined) => (part && /^[0-9.]+px$/.test(part) ? parseFloat(part) : undefined);
  if (parts.every((part) => part === "auto")) return intrinsic;
  const width = px(parts[0]);
  if (width === undefined || width <= 0) return undefined;
  if (parts.length === 1 || parts[1] === "auto")
    return intrinsic ? { width, height: (width * intrinsic.height) / intrinsic.width } : undefined;
  const height = px(parts[1]);
  return height && height > 0 ? { width, height } : undefined;
}

/**
 * Tile stylesheets by the document's markup without its text: the generator's rehearsal, its
 * preview and each re-render after an edit lay out the same elements, so the tiles ride along
 * with the first load instead of costing a second one.
 */
const remembered = new Map<string, { css: string; files: Map<string, Uint8Array> }>();
const REMEMBERED_MAX = 8;

/** The markup without text, and the stylesheets and SVGs it may use (a replaced style.css must not get old tiles). */
function markupKey(html: string, served: ServedDocument): string {
  const hash = createHash("sha1").update(
    html.replace(/(<style\b[^>]*>[\s\S]*?<\/style>)|>[^<]*</gi, (match, style: string | undefined) => style ?? "><"),
  );
  for (const path of [...served.assets.keys()].filter((name) => /\.(css|svg)$/i.test(name)).sort())
    hash.update(`\0${path}\0`).update(served.assets.get(path)!);
  return hash.digest("hex");
}

/** The stylesheet made for a document with the same markup, its tiles added to what the page may load; "" when none. */
export function recallTileStylesheet(html: string, served: ServedDocument): string {
  const entry = remembered.get(markupKey(html, served));
  if (!entry) return "";
  for (const [path, bytes] of entry.files) served.assets.set(path, bytes);
  return entry.css;
}

export function rememberTileStylesheet(html: string, css: string, served: ServedDocument): void {
  const files = new Map<string, Uint8Array>();
  for (const [, path] of css.matchAll(/url\("([^"]+)"\)/g)) {
    const bytes = served.assets.get(path);
    if (bytes) files.set(path, bytes);
  }
  const key = markupKey(html, served);
  remembered.delete(key);
  remembered.set(key, { css, files });
  while (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
}
