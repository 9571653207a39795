import sharp from "sharp";
import { extensionOf, imageSizeOf, isImagePath } from "./assets.ts";

/**
 * What one card may cost in pixels. Sizes come from the file header before anything decodes a pixel, for every
 * format (PNG, JPEG, GIF, WebP, SVG). A photo (a render the owner sends) is fitted by libvips, which decodes
 * JPEG/WebP shrunk and PNG row by row; a template's own image is decoded whole by Chromium (a CSS background
 * is never fitted), so it gets the smaller limit: 16 MP ≈ 64 MB decoded.
 */
export const IMAGE_LIMITS = {
  photoPixels: 50_000_000,
  templateImagePixels: 16_000_000,
  /** All a card's images together (photos and the template's own): five 30 MP photos fit. */
  cardPixels: 150_000_000,
  /** Elements in the printed HTML: a real card has hundreds; 300 000 cost Chromium ~2 GB. */
  elements: 20_000,
};

export type PhotoCheck =
  | { ok: true; bytes: Uint8Array; extension: string; pixels: number }
  | { ok: false; reason: "too-large" | "broken"; width?: number; height?: number };

/**
 * What the header alone says: its size within the limit (no pixel decoded). `decode` tells whether the photo still
 * has to be decoded to prove it whole (an SVG is drawn, not decoded: nothing to prove).
 */
export function photoHeaderCheck(
  bytes: Uint8Array,
  extension: string,
): Exclude<PhotoCheck, { ok: true }> | { ok: true; pixels: number; decode: boolean } {
  const size = imageSizeOf(bytes);
  if (/^svg$/i.test(extension)) {
    if (size && size.width * size.height > IMAGE_LIMITS.photoPixels) return { ok: false, reason: "too-large", ...size };
    return { ok: true, pixels: 0, decode: false };
  }
  if (!size) return { ok: false, reason: "broken" };
  if (size.width * size.height > IMAGE_LIMITS.photoPixels) return { ok: false, reason: "too-large", ...size };
  return { ok: true, pixels: size.width * size.height, decode: true };
}

/**
 * A render as the card can use it: its header read and its pixels within the limit, decoded once (shrunk) to
 * prove it is whole, and a GIF turned into a PNG of its first frame so it is fitted like any photo.
 */
export async function checkedPhoto(bytes: Uint8Array, extension: string): Promise<PhotoCheck> {
  const header = photoHeaderCheck(bytes, extension);
  if (!header.ok) return header;
  if (!header.decode) return { ok: true, bytes, extension, pixels: 0 };
  const size = imageSizeOf(bytes)!;
  try {
    const image = sharp(bytes, {
      failOn: "truncated",
      limitInputPixels: IMAGE_LIMITS.photoPixels,
      sequentialRead: true,
      pages: 1,
    });
    const pixels = size.width * size.height;
    if (/^gif$/i.test(extension))
      return { ok: true, bytes: await image.png({ compressionLevel: 6 }).toBuffer(), extension: "png", pixels };
    await image.resize(32, 32, { fit: "inside" }).raw().toBuffer();
    return { ok: true, bytes, extension, pixels };
  } catch {
    return { ok: false, reason: "broken", ...size };
  }
}

export interface TemplateImage {
  path: string;
  width: number;
  height: number;
}

/** A template's raster images with the size their headers declare (SVG is drawn at its layout size: left out). */
export function templateImageSizes(files: Map<string, Uint8Array>): TemplateImage[] {
  const found: TemplateImage[] = [];
  for (const [path, bytes] of files) {
    if (!isImagePath(path) || extensionOf(path) === "svg") continue;
    const size = imageSizeOf(bytes);
    if (size) found.push({ path, ...size });
  }
  return found;
}

/** Those with more pixels than Chromium may decode for one image. */
export const oversizedTemplateImages = (images: TemplateImage[]) =>
  images.filter((image) => image.width * image.height > IMAGE_LIMITS.templateImagePixels);

export const totalPixels = (images: TemplateImage[]) =>
  images.reduce((sum, image) => sum + image.width * image.height, 0);
