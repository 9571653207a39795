import sharp from "sharp";

export interface CollageOptions {
  /** Longest side of one tile in the collage. */
  tile?: number;
  gutter?: number;
  background?: string;
}

/**
 * A 2×2 collage (JPEG) of four images with thin gutters; every tile takes the
 * first image's proportions, so a moodboard of one aspect ratio fits exactly.
 */
export async function makeCollage(images: Buffer[], options: CollageOptions = {}): Promise<Buffer> {
  if (images.length !== 4) throw new Error(`a collage needs 4 images, got ${images.length}`);
  const longest = options.tile ?? 768;
  const gutter = options.gutter ?? 8;
  const first = await sharp(images[0]).metadata();
  const ratio = (first.width ?? 1) / (first.height ?? 1);
  const width = Math.round(ratio >= 1 ? longest : longest * ratio);
  const height = Math.round(ratio >= 1 ? longest / ratio : longest);
  const tiles = await Promise.all(
    images.map((image) => sharp(image).resize(width, height, { fit: "cover" }).toBuffer()),
  );
  return sharp({
    create: {
      width: width * 2 + gutter * 3,
      height: height * 2 + gutter * 3,
      channels: 3,
      background: options.background ?? "#ffffff",
    },
  })
    .composite(
      tiles.map((input, index) => ({
        input,
        left: gutter + (index % 2) * (width + gutter),
        top: gutter + Math.floor(index / 2) * (height + gutter),
      })),
    )
    .jpeg({ quality: 86, mozjpeg: false })
    .toBuffer();
}
