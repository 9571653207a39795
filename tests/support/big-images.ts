import sharp from "sharp";
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A real, valid black PNG of any size (1-bit grey, so 30000×30000 is ~110 KB): tiny file, huge decode. */
export function hugePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(1, 8);
  const row = 1 + Math.ceil(width / 8);
  const idat = deflateSync(Buffer.alloc(row * height), { level: 9 });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/** A real GIF of the given size, one colour (LZW makes it small). */
export const solidGif = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#7a9" } })
    .gif()
    .toBuffer();

/** A JPEG cut short, as a download that stopped early leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#c84" } })
    .composite([
      { input: Buffer.from(`<svg width="1600" height="1200"><circle cx="800" cy="600" r="500" fill="#248"/></svg>`) },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length * 0.7));
}
