/**
 * Unpacking an archive someone hands the import, with memory bounded whatever it claims: entries are inflated a
 * small slice of the ZIP at a time and counted as they come, so a 1 MB file that unpacks to 1 GB stops at the cap.
 */
import { Unzip, UnzipInflate } from "fflate";

export interface UnzipCaps {
  /** The most one entry may unpack to; `perEntry` overrides it by name. */
  entryBytes: number;
  totalBytes: number;
  perEntry?: Record<string, number>;
}

/** Deflate expands at most ~1 032×: a 16 KB slice inflates to at most ~16 MB before it is counted. */
const SLICE = 16 * 1024;

export class UnzipRefused extends Error {}

/** The entries by name (a prototype-free record: an entry called `__proto__` is just a name). */
export function unzipBounded(bytes: Uint8Array, caps: UnzipCaps): Record<string, Uint8Array> {
  // The streaming reader skips what it cannot read: a file that does not open like a ZIP is said to be none.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    throw new UnzipRefused("the file is not a ZIP archive (expected the .zip sent by /export)");
  const files: Record<string, Uint8Array> = Object.create(null);
  let total = 0;
  let refused: UnzipRefused | undefined;
  const unzip = new Unzip((file) => {
    if (refused) return;
    const cap = caps.perEntry?.[file.name] ?? caps.entryBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (refused) return;
      if (error) return void (refused = new UnzipRefused(`${file.name} is damaged (${error.message})`));
      size += chunk.length;
      total += chunk.length;
      if (size > cap) return void (refused = new UnzipRefused(`${file.name} unpacks to more than ${mb(cap)}`));
      if (total > caps.totalBytes)
        return void (refused = new UnzipRefused(`the archive unpacks to more than ${mb(caps.totalBytes)}`));
      chunks.push(chunk);
      if (final) files[file.name] = join(chunks, size);
    };
    if (file.compression !== 0 && file.compression !== 8)
      return void (refused = new UnzipRefused(`${file.name} uses a compression the export never writes`));
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !refused; at += SLICE)
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (error) {
    refused ??= new UnzipRefused(`not a readable ZIP archive (${(error as Error).message})`);
  }
  if (refused) throw refused;
  return files;
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function join(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
