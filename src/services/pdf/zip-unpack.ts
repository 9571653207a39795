import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface ZipLimits {
  entries: number;
  unpackedBytes: number;
}

export type UnpackOutcome =
  | { ok: true; entries: { name: string; bytes: Uint8Array }[] }
  | { ok: false; reason: "entries" | "unpacked" | "broken" | "timeout" };

const FFLATE = createRequire(import.meta.url).resolve("fflate");
/** Compressed bytes fed per step: one step of zeros inflates to at most ~16 MB before the count is checked. */
const FEED_BYTES = 16 * 1024;
const DEADLINE_MS = 10_000;

/**
 * The worker inflates entry by entry as a stream and counts what comes out: it stops at the limit, whatever
 * sizes the ZIP's headers declare (a bomb declares 1 KB and inflates to 2 GB). Directories are skipped.
 */
const WORKER = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const { Unzip, UnzipInflate } = require(workerData.fflate);
const { zip, limits, feedBytes } = workerData;
const entries = [];
let total = 0;
let count = 0;
let failed = null;
const open = [];
const fail = (reason) => {
  if (failed) return;
  failed = reason;
  for (const file of open) file.terminate();
};
const unzip = new Unzip((file) => {
  if (failed || file.name.endsWith("/")) return;
  if (++count > limits.entries) return fail("entries");
  const chunks = [];
  open.push(file);
  file.ondata = (error, chunk, final) => {
    if (failed) return;
    if (error) return fail("broken");
    total += chunk.length;
    if (total > limits.unpackedBytes) return fail("unpacked");
    chunks.push(chunk);
    if (final) {
      const bytes = new Uint8Array(chunks.reduce((size, part) => size + part.length, 0));
      let at = 0;
      for (const part of chunks) {
        bytes.set(part, at);
        at += part.length;
      }
      entries.push({ name: file.name, bytes });
    }
  };
  file.start();
});
unzip.register(UnzipInflate);
try {
  for (let at = 0; at < zip.length && !failed; at += feedBytes) {
    unzip.push(zip.subarray(at, at + feedBytes), at + feedBytes >= zip.length);
  }
} catch (error) {
  fail("broken");
}
if (!failed && entries.length < count) failed = "broken";
if (failed) parentPort.postMessage({ ok: false, reason: failed });
else parentPort.postMessage({ ok: true, entries }, entries.map((entry) => entry.bytes.buffer));
`;

/** Whether the ZIP ends with its end-of-central-directory record (within the last 64 KB, after a comment). */
function hasDirectoryEnd(zip: Uint8Array): boolean {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip[at] === 0x50 && zip[at + 1] === 0x4b && zip[at + 2] === 0x05 && zip[at + 3] === 0x06) return true;
  }
  return false;
}

/** Unpacks a ZIP in a worker thread, so a bomb costs the bot's event loop nothing and is stopped at the limit. */
export function unpackZip(zip: Uint8Array, limits: ZipLimits): Promise<UnpackOutcome> {
  if (!hasDirectoryEnd(zip)) return Promise.resolve({ ok: false, reason: "broken" });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { zip, limits, feedBytes: FEED_BYTES, fflate: FFLATE },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
      env: {},
    });
    let settled = false;
    const finish = (outcome: UnpackOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      void worker.terminate();
      resolve(outcome);
    };
    const deadline = setTimeout(() => finish({ ok: false, reason: "timeout" }), DEADLINE_MS);
    worker.once("message", (outcome: UnpackOutcome) => finish(outcome));
    worker.once("error", () => finish({ ok: false, reason: "broken" }));
    worker.once("exit", () => finish({ ok: false, reason: "broken" }));
  });
}
