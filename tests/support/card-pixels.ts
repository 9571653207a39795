import sharp from "sharp";

/** A photo of one colour (JPEG unless asked), for cards whose pixels the tests read back. */
export const solidPhoto = (color: string, width: number, height: number, format: "png" | "jpeg" = "jpeg") =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .toFormat(format)
    .toBuffer();

/** A preview's pixel as "hi"/"mid"/"lo" per channel: robust to anti-aliasing and compression. */
export async function pixel(image: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  const near = (value: number) => (value > 200 ? "hi" : value < 60 ? "lo" : "mid");
  return [data[i], data[i + 1], data[i + 2]].map(near).join(",");
}

export const RED = "hi,lo,lo";
export const BLUE = "lo,lo,hi";
export const GREEN = "lo,hi,lo";
export const YELLOW = "hi,hi,lo";
export const WHITE = "hi,hi,hi";
