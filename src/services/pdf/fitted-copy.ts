import { createHash } from "node:crypto";
import sharp from "sharp";

// Each photo is read once per render: libvips' operation cache would only hold memory (Heroku's dyno has 512 MB).
sharp.cache(false);
// One thread per image: a card fits its photos FITS_AT_ONCE at a time (fit-images.ts), which keeps two cores busy
// better than two at a time with two threads each (heavy card, new photos, alternating in one process: 94 → 85 ms).
sharp.concurrency(1);

/**
 * Pixels per CSS pixel kept when an image is fitted to its box: 2 × 96 dpi ≈
 * 190 dpi in print, sharp on paper and on screens, far below a 1600 px photo.
 */
export const PRINT_SCALE = 2;

/** An <img> as laid out: its box, its picture's size, how the picture fills the box. */
export interface ImageBox {
  index: number;
  path: string;
  /** Missing when the image has no box to fit (not laid out, zero size). */
  boxWidth?: number;
  boxHeight?: number;
  naturalWidth: number;
  naturalHeight: number;
  fit: string;
  position: string;
}

type Plan = NonNullable<ReturnType<typeof cropPlan>>;

export const planFor = (box: ImageBox) => (/\.(jpe?g|png|webp)$/i.test(box.path) ? cropPlan(box) : undefined);

/**
 * Fitted copies by source hash and plan: the generator renders the same photos
 * for the preview and again after an edit, and a template check re-renders too.
 */
const fittedCache = new Map<string, Promise<Uint8Array>>();
const FITTED_CACHE_SIZE = 24;

/**
 * A file's SHA-1, kept by the bytes' object: a card hashes each photo for its check, for every box it fits (the heavy
 * bench card: 11 boxes) and for the kept card's next render, ~0.4 ms per 1600×1200 JPEG each time. Photos and fitted
 * copies are never written to once made.
 */
const hashes = new WeakMap<Uint8Array, string>();

export function sha1(bytes: Uint8Array): string {
  let hash = hashes.get(bytes);
  if (hash === undefined) {
    hash = createHash("sha1").update(bytes).digest("hex");
    hashes.set(bytes, hash);
  }
  return hash;
}

/** From the cache, or made (boxes with the same photo and plan, like a strip repeated, share one job). */
export function fittedCopy(source: Uint8Array, box: ImageBox, plan: Plan, isJpeg: boolean): Promise<Uint8Array> {
  const key = `${sha1(source)} ${box.naturalWidth}×${box.naturalHeight} ${JSON.stringify(plan)}`;
  const cached = fittedCache.get(key);
  if (cached) {
    fittedCache.delete(key);
    fittedCache.set(key, cached);
    return cached;
  }
  const making = makeFittedCopy(source, box, plan, isJpeg);
  making.catch(() => fittedCache.get(key) === making && fittedCache.delete(key));
  fittedCache.set(key, making);
  while (fittedCache.size > FITTED_CACHE_SIZE) fittedCache.delete(fittedCache.keys().next().value!);
  return making;
}

async function makeFittedCopy(source: Uint8Array, box: ImageBox, plan: Plan, isJpeg: boolean): Promise<Uint8Array> {
  // Scale first, then crop: for a copy a third as wide as the photo or less, libjpeg decodes at 1/2, 1/4 or 1/8 of
  // the size (sharp's shrink-on-load), faster and smaller.
  const kx = plan.width / plan.crop.width;
  const ky = plan.height / plan.crop.height;
  const scaled = {
    width: Math.max(1, Math.round(box.naturalWidth * kx)),
    height: Math.max(1, Math.round(box.naturalHeight * ky)),
  };
  const left = Math.min(Math.round(plan.crop.left * kx), scaled.width - plan.width);
  const top = Math.min(Math.round(plan.crop.top * ky), scaled.height - plan.height);
  // autoOrient: Chromium lays photos out turned by their EXIF orientation, so the copy must be turned too.
  // A triangle filter: on a downscale of about 2× or more (libvips box-shrinks first) it looks the same in print as
  // Lanczos, for ~5 ms less per photo.
  const pipeline = sharp(source)
    .autoOrient()
    .resize(scaled.width, scaled.height, { fit: "fill", kernel: "linear" })
    .extract({ left: Math.max(0, left), top: Math.max(0, top), width: plan.width, height: plan.height });
  // Without Huffman optimisation: a pass less over the copy, a few per cent more bytes.
  return (
    isJpeg ? pipeline.jpeg({ quality: 85, optimiseCoding: false }) : pipeline.png({ compressionLevel: 6 })
  ).toBuffer();
}

/**
 * The part of the source the box shows (object-fit and object-position) and the
 * pixel size to keep; `keepFit` when the copy keeps the source's aspect (contain).
 */
function cropPlan(box: ImageBox):
  | {
      crop: { left: number; top: number; width: number; height: number };
      width: number;
      height: number;
      keepFit: boolean;
    }
  | undefined {
  const { naturalWidth: nw, naturalHeight: nh, boxWidth: bw, boxHeight: bh } = box;
  if (bw === undefined || bh === undefined) return undefined;
  let crop = { left: 0, top: 0, width: nw, height: nh };
  if (box.fit === "contain" || box.fit === "scale-down") {
    // Nothing to crop: only scaled down to what the box shows.
    const shown = box.fit === "contain" ? Math.min(bw / nw, bh / nh) : Math.min(1, bw / nw, bh / nh);
    const scale = Math.min(1, shown * PRINT_SCALE);
    if (scale > 0.9) return undefined;
    return {
      crop,
      width: Math.max(1, Math.round(nw * scale)),
      height: Math.max(1, Math.round(nh * scale)),
      keepFit: true,
    };
  }
  if (box.fit === "cover" || box.fit === "none") {
    const scale = box.fit === "cover" ? Math.max(bw / nw, bh / nh) : 1;
    const width = Math.min(nw, Math.round(bw / scale));
    const height = Math.min(nh, Math.round(bh / scale));
    const [px, py] = positionFractions(box.position);
    crop = { left: Math.round((nw - width) * px), top: Math.round((nh - height) * py), width, height };
  } else if (box.fit !== "fill") {
    return undefined;
  }
  const width = Math.max(1, Math.min(crop.width, Math.round(bw * PRINT_SCALE)));
  const height = Math.max(1, Math.min(crop.height, Math.round(bh * PRINT_SCALE)));
  const unchanged = crop.width === nw && crop.height === nh && width === nw && height === nh;
  return unchanged ? undefined : { crop, width, height, keepFit: false };
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
