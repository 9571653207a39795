import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";

export interface ZipLimits {
  entries: number;
  unpackedBytes: number;
}

export type UnpackOutcome =
  | { ok: true; entries: { name: string; bytes: Uint8Array }[] }
  | { ok: false; reason: "entries" | "unpacked" | "broken" }
  /** An entry inflates to more than the archive says it holds: a bomb's lie. */
  | { ok: false; reason: "lying"; name: string };

const inflate = promisify(inflateRaw);

interface DirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the central directory says the entry inflates to: trusted for the budget, verified while inflating. */
  declaredSize: number;
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
      declaredSize: zip.readUInt32LE(at + 24),
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
 * Unpacks a ZIP by its central directory. The sizes it declares are summed against the limit before anything
 * inflates, then each entry is inflated by zlib on libuv's thread pool (off the event loop) with the declared
 * size as zlib's `maxOutputLength`: an entry that would inflate past it (a bomb declares 1 KB and inflates to
 * 2 GB) stops within one zlib chunk and the ZIP is refused, so memory never exceeds what the ZIP declared.
 * Directories are skipped; methods other than stored and deflate, and ZIP64, are refused as broken.
 */
export async function unpackZip(bytes: Uint8Array, limits: ZipLimits): Promise<UnpackOutcome> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readDirectory(zip);
  if (!directory) return { ok: false, reason: "broken" };
  const files = directory.filter((entry) => !entry.name.endsWith("/"));
  if (files.length > limits.entries) return { ok: false, reason: "entries" };
  if (files.some((entry) => entry.declaredSize === 0xffffffff || entry.compressedSize === 0xffffffff))
    return { ok: false, reason: "broken" };
  if (files.reduce((sum, entry) => sum + entry.declaredSize, 0) > limits.unpackedBytes)
    return { ok: false, reason: "unpacked" };
  const entries: { name: string; bytes: Uint8Array }[] = [];
  for (const entry of files) {
    const data = entryData(zip, entry);
    if (!data) return { ok: false, reason: "broken" };
    let unpacked: Buffer;
    if (entry.method === 0) {
      unpacked = Buffer.from(data);
    } else if (entry.method === 8) {
      try {
        unpacked = await inflate(data, { maxOutputLength: Math.max(1, entry.declaredSize) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
          return { ok: false, reason: "lying", name: entry.name };
        return { ok: false, reason: "broken" };
      }
    } else {
      return { ok: false, reason: "broken" };
    }
    if (unpacked.length > entry.declaredSize) return { ok: false, reason: "lying", name: entry.name };
    entries.push({ name: entry.name, bytes: unpacked });
  }
  return { ok: true, entries };
}
