import sharp from "sharp";
import type { Page } from "puppeteer-core";

// Each photo is read once per render: libvips' operation cache would only hold memory (Heroku's dyno has 512 MB).
sharp.cache(false);

/**
 * Pixels per CSS pixel kept when an image is fitted to its box: 2 × 96 dpi ≈
 * 190 dpi in print, sharp on paper and on screens, far below a 1600 px photo.
 */
const PRINT_SCALE = 2;
/** Fitted copies are served from here (the request filter answers from the assets map). */
export const FITTED_PREFIX = "__fitted/";

interface ImageBox {
  index: number;
  path: string;
  boxWidth: number;
  boxHeight: number;
  naturalWidth: number;
  naturalHeight: number;
  fit: string;
  position: string;
}

/**
 * Why this exists: Chromium's PDF backend handles a cropped image (object-fit:
 * cover with another aspect ratio, or overflow) by decoding and re-encoding the
 * whole source for every box — ~170 ms per 1600×1200 JPEG — and embeds photos
 * at full resolution. After layout each <img> is replaced by a copy cropped to
 * its box's aspect and scaled to PRINT_SCALE × its size, which Skia embeds as is.
 */
export async function fitImagesToBoxes(page: Page, assets: Map<string, Uint8Array>, origin: string): Promise<number> {
  const boxes: ImageBox[] = await page.evaluate((originPrefix) => {
    return [...document.images].flatMap((img, index) => {
      if (!img.complete || !img.naturalWidth || !img.currentSrc.startsWith(originPrefix)) return [];
      const style = getComputedStyle(img);
      const rect = img.getBoundingClientRect();
      // No helper functions in here: tsx would wrap them in a `__name` call the page does not know.
      const [pl, pr, bl, br, pt, pb, bt, bb] = ["padding-left", "padding-right", "border-left-width", "border-right-width", "padding-top", "padding-bottom", "border-top-width", "border-bottom-width"].map(
        (property) => parseFloat(style.getPropertyValue(property)) || 0,
      );
      const boxWidth = img.offsetWidth - pl - pr - bl - br;
      const boxHeight = img.offsetHeight - pt - pb - bt - bb;
      if (!(boxWidth > 0 && boxHeight > 0 && rect.width > 0)) return [];
      const path = decodeURIComponent(new URL(img.currentSrc).pathname.slice(1));
      return [{ index, path, boxWidth, boxHeight, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, fit: style.objectFit, position: style.objectPosition }];
    });
  }, `${origin}/`);
  // Two at a time: libvips uses both cores, and five full-size decodes at once would add ~100 MB to the peak.
  const results = await mapTwoAtATime(boxes, async (box) => {
    const source = assets.get(box.path);
    const plan = source && /\.(jpe?g|png|webp)$/i.test(box.path) ? cropPlan(box) : undefined;
    if (!source || !plan) return undefined;
    // Scale first, then crop: libjpeg then decodes at 1/2, 1/4… of the size (shrink-on-load), faster and smaller.
    const kx = plan.width / plan.crop.width;
    const ky = plan.height / plan.crop.height;
    const scaled = { width: Math.max(1, Math.round(box.naturalWidth * kx)), height: Math.max(1, Math.round(box.naturalHeight * ky)) };
    const left = Math.min(Math.round(plan.crop.left * kx), scaled.width - plan.width);
    const top = Math.min(Math.round(plan.crop.top * ky), scaled.height - plan.height);
    const pipeline = sharp(source).resize(scaled.width, scaled.height, { fit: "fill" }).extract({ left: Math.max(0, left), top: Math.max(0, top), width: plan.width, height: plan.height });
    const isJpeg = /\.jpe?g$/i.test(box.path);
    const bytes = await (isJpeg ? pipeline.jpeg({ quality: 85 }) : pipeline.png({ compressionLevel: 6 })).toBuffer();
    return { index: box.index, src: `${FITTED_PREFIX}${box.index}.${isJpeg ? "jpg" : "png"}`, bytes };
  });
  const fitted: { index: number; src: string }[] = [];
  for (const result of results) {
    if (!result) continue;
    assets.set(result.src, result.bytes);
    fitted.push({ index: result.index, src: result.src });
  }
  if (fitted.length === 0) return 0;
  await page.evaluate(async (items) => {
    const images = [...document.images];
    await Promise.all(
      items.map(({ index, src }) => {
        const img = images[index];
        img.removeAttribute("srcset");
        img.src = src;
        // The copy already has the box's aspect: no crop is left for the PDF backend.
        img.style.setProperty("object-fit", "fill", "important");
        return img.decode().catch(() => undefined);
      }),
    );
  }, fitted);
  return fitted.length;
}

/** The part of the source the box shows (object-fit and object-position) and the pixel size to keep. */
function cropPlan(box: ImageBox): { crop: { left: number; top: number; width: number; height: number }; width: number; height: number } | undefined {
  const { naturalWidth: nw, naturalHeight: nh, boxWidth: bw, boxHeight: bh } = box;
  let crop = { left: 0, top: 0, width: nw, height: nh };
  if (box.fit === "cover" || box.fit === "none") {
    const scale = box.fit === "cover" ? Math.max(bw / nw, bh / nh) : 1;
    const width = Math.min(nw, Math.round(bw / scale));
    const height = Math.min(nh, Math.round(bh / scale));
    const [px, py] = positionFractions(box.position);
    crop = { left: Math.round((nw - width) * px), top: Math.round((nh - height) * py), width, height };
  } else if (box.fit !== "fill") {
    return undefined; // contain / scale-down keep the whole image: nothing to crop, Chromium is fast there
  }
  const width = Math.max(1, Math.min(crop.width, Math.round(bw * PRINT_SCALE)));
  const height = Math.max(1, Math.min(crop.height, Math.round(bh * PRINT_SCALE)));
  const unchanged = crop.width === nw && crop.height === nh && width === nw && height === nh;
  return unchanged ? undefined : { crop, width, height };
}

/** "50% 50%" / "left top" / "30% 0px" → fractions (pixel offsets are treated as the start). */
function positionFractions(position: string): [number, number] {
  const words: Record<string, number> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
  const parts = position.trim().split(/\s+/);
  const fraction = (part: string | undefined) => {
    if (!part) return 0.5;
    if (part in words) return words[part];
    if (part.endsWith("%")) return Math.min(1, Math.max(0, parseFloat(part) / 100));
    return 0;
  };
  return [fraction(parts[0]), fraction(parts[1])];
}

async function mapTwoAtATime<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}
