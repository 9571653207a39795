const MIME_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  avif: "image/avif",
  ttf: "font/ttf",
  otf: "font/otf",
  woff: "font/woff",
  woff2: "font/woff2",
};

export const extensionOf = (path: string) => path.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";

export const mimeTypeOf = (path: string) => MIME_TYPES[extensionOf(path)] ?? "application/octet-stream";

export const isImagePath = (path: string) => mimeTypeOf(path).startsWith("image/");
export const isFontPath = (path: string) => mimeTypeOf(path).startsWith("font/");

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height from the file header (PNG, JPEG, GIF, WebP, SVG); undefined when not an image we know. */
export function imageSizeOf(bytes: Uint8Array): ImageSize | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47)
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 10 && b.toString("latin1", 0, 3) === "GIF")
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length >= 30 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP")
    return webpSize(b);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  const head = b.toString("utf8", 0, Math.min(b.length, 2048));
  if (/<svg[\s>]/i.test(head)) {
    const tag = head.match(/<svg[^>]*>/i)?.[0] ?? "";
    const width = Number(tag.match(/\swidth="([\d.]+)(px)?"/)?.[1]);
    const height = Number(tag.match(/\sheight="([\d.]+)(px)?"/)?.[1]);
    if (width > 0 && height > 0) return { width, height };
    const box = tag.match(/viewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/);
    if (box) return { width: Number(box[1]), height: Number(box[2]) };
  }
  return undefined;
}

function jpegSize(b: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return undefined;
    const marker = b[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = b.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

function webpSize(b: Buffer): ImageSize | undefined {
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** A JPEG's EXIF orientation (1–8) from its APP1 segment; undefined when it has none. */
export function jpegOrientation(bytes: Uint8Array): number | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 < b.length && b[offset] === 0xff) {
    const marker = b[offset + 1];
    if (marker === 0xda || marker === 0xd9) return undefined; // image data begins: no EXIF before it
    const length = b.readUInt16BE(offset + 2);
    if (marker === 0xe1 && b.toString("latin1", offset + 4, offset + 10) === "Exif\0\0")
      return tiffOrientation(b.subarray(offset + 10, offset + 2 + length));
    offset += 2 + length;
  }
  return undefined;
}

function tiffOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return undefined;
}
