import { promisify } from "node:util";
import { createInflateRaw, inflateRaw } from "node:zlib";

export interface ZipLimits {
  entries: number;
  unpackedBytes: number;
}

export type UnpackOutcome =
  | { ok: true; entries: { name: string; bytes: Uint8Array }[] }
  | { ok: false; reason: "entries" | "unpacked" | "broken" };

const inflate = promisify(inflateRaw);

/**
 * How many bytes a deflate stream inflates to, counted chunk by chunk and dropped as it goes (so a bomb costs
 * one chunk of memory); "over" as soon as the count passes `room`.
 */
function inflatedSize(data: Buffer, room: number): Promise<number | "over" | "broken"> {
  return new Promise((resolve) => {
    const stream = createInflateRaw({ chunkSize: 256 * 1024 });
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > room) {
        stream.destroy();
        resolve("over");
      }
    });
    stream.on("end", () => resolve(size));
    stream.on("error", () => resolve(size > room ? "over" : "broken"));
    stream.end(data);
  });
}

interface DirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

const END_SIGNATURE = 0x06054b50;
const DIRECTORY_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** The central directory: names, methods, compressed sizes and where each entry's data starts. */
function readDirectory(zip: Buffer): DirectoryEntry[] | undefined {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: DirectoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_SIGNATURE) return undefined;
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeader: zip.readUInt32LE(at + 42),
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(zip: Buffer, entry: DirectoryEntry): Buffer | undefined {
  const at = entry.localHeader;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) return undefined;
  return zip.subarray(start, start + entry.compressedSize);
}

/**
 * Unpacks a ZIP by its central directory, inflating each entry with zlib on libuv's thread pool (off the event
 * loop): first counted as a stream and dropped, stopping as soon as the count passes what is left of the limit,
 * whatever size the headers declare (a bomb declares 1 KB and inflates to 2 GB); only then inflated to keep. Directories are skipped; methods other than stored and
 * deflate, and ZIP64, are refused as broken.
 */
export async function unpackZip(bytes: Uint8Array, limits: ZipLimits): Promise<UnpackOutcome> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readDirectory(zip);
  if (!directory) return { ok: false, reason: "broken" };
  const files = directory.filter((entry) => !entry.name.endsWith("/"));
  if (files.length > limits.entries) return { ok: false, reason: "entries" };
  const entries: { name: string; bytes: Uint8Array }[] = [];
  let total = 0;
  for (const entry of files) {
    const data = entryData(zip, entry);
    if (!data || entry.compressedSize === 0xffffffff) return { ok: false, reason: "broken" };
    const room = limits.unpackedBytes - total;
    let unpacked: Buffer;
    if (entry.method === 0) {
      unpacked = data;
    } else if (entry.method === 8) {
      const size = await inflatedSize(data, room);
      if (size === "over") return { ok: false, reason: "unpacked" };
      if (size === "broken") return { ok: false, reason: "broken" };
      try {
        unpacked = await inflate(data, { maxOutputLength: room + 1 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "unpacked" };
        return { ok: false, reason: "broken" };
      }
    } else {
      return { ok: false, reason: "broken" };
    }
    total += unpacked.length;
    if (total > limits.unpackedBytes) return { ok: false, reason: "unpacked" };
    entries.push({ name: entry.name, bytes: entry.method === 0 ? new Uint8Array(unpacked) : unpacked });
  }
  return { ok: true, entries };
}
