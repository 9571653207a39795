import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createReadStream, createWriteStream } from "node:fs";
import { dirname, join, normalize, isAbsolute } from "node:path";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";
import { brotliDecompressSync, createBrotliDecompress } from "node:zlib";

/**
 * The browser that comes from the npm registry: @sparticuz/chromium ships Chrome's headless shell and the few
 * libraries it links (NSS, NSPR, expat) as brotli files inside its tarball, so a machine with only Node can
 * print cards. The files are inflated once into the app's own `.cache/npm-browser/<version>/` (≈ 3 s, 209 MB on
 * disk), the libraries into `lib/` beside the binary, where browserEnv() puts them on LD_LIBRARY_PATH.
 */
const PACKAGE = "@sparticuz/chromium";
const BINARY = "chromium";

export interface NpmBrowser {
  /** Where the inflated binary lives (or will, after materializeNpmBrowser). */
  path: string;
  version: string;
  /** The package's folder of brotli files. */
  source: string;
}

function packageDir(): string | undefined {
  try {
    // The package exports only its build/index.js; its bin/ sits beside build/.
    return dirname(dirname(createRequire(import.meta.url).resolve(PACKAGE)));
  } catch {
    return undefined;
  }
}

/** The npm browser for this app, if the package is installed (nothing is inflated here). */
export function npmBrowser(root: string): NpmBrowser | undefined {
  const dir = packageDir();
  if (!dir || !existsSync(join(dir, "bin", `${BINARY}.br`))) return undefined;
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
  return { path: join(root, ".cache", "npm-browser", version, BINARY), version, source: join(dir, "bin") };
}

/** Long names: GNU tar's 'L' entry holds the next entry's name, a pax 'x' entry may hold `path=`. */
function longName(type: string, data: Uint8Array): string | undefined {
  const text = Buffer.from(data).toString("utf8");
  if (type === "L") return text.replace(/\0.*$/s, "");
  if (type === "x") return /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1];
  return undefined;
}

/** Regular files of a tar archive (ustar, GNU or pax names); the libraries' tarball holds nothing else that matters. */
export function untar(archive: Uint8Array): { name: string; data: Uint8Array }[] {
  const files: { name: string; data: Uint8Array }[] = [];
  const text = (from: number, length: number) =>
    Buffer.from(archive.subarray(from, from + length))
      .toString("latin1")
      .replace(/\0.*$/s, "");
  let nextName: string | undefined;
  for (let at = 0; at + 512 <= archive.length;) {
    const header = text(at + 345, 155) ? `${text(at + 345, 155)}/${text(at, 100)}` : text(at, 100);
    if (!header) break;
    const size = parseInt(text(at + 124, 12).trim() || "0", 8);
    const type = text(at + 156, 1);
    const data = archive.subarray(at + 512, at + 512 + size);
    const name = nextName ?? header;
    nextName = longName(type, data);
    if (type === "0" || type === "") files.push({ name, data });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

export function extractInto(archive: Uint8Array, target: string): void {
  for (const file of untar(archive)) {
    const name = normalize(file.name);
    // The archive comes from a registry package: still, nothing may land outside the folder.
    if (isAbsolute(name) || name.startsWith("..")) throw new Error(`unsafe path in the browser's archive: ${name}`);
    mkdirSync(dirname(join(target, name)), { recursive: true });
    writeFileSync(join(target, name), file.data);
  }
}

/** One inflation per path in this process: the start-up check and the first card may both ask for it. */
const inflating = new Map<string, Promise<void>>();

/**
 * Inflates the npm browser when it is not there yet. Several processes may start at once (test workers, a
 * restarted bot): each inflates into its own folder and the first rename wins, so none runs a half-written file.
 */
export function materializeNpmBrowser(browser: NpmBrowser): Promise<void> {
  if (existsSync(browser.path)) return Promise.resolve();
  let running = inflating.get(browser.path);
  if (!running) {
    running = inflate(browser).finally(() => inflating.delete(browser.path));
    inflating.set(browser.path, running);
  }
  return running;
}

async function inflate(browser: NpmBrowser): Promise<void> {
  const home = dirname(browser.path);
  const staging = `${home}.${process.pid}.${Date.now()}.partial`;
  mkdirSync(staging, { recursive: true });
  try {
    const binary = join(staging, BINARY);
    await pipeline(
      createReadStream(join(browser.source, `${BINARY}.br`)),
      createBrotliDecompress(),
      createWriteStream(binary),
    );
    chmodSync(binary, 0o755);
    extractInto(brotliDecompressSync(readFileSync(join(browser.source, "al2023.tar.br"))), staging);
    try {
      renameSync(staging, home);
    } catch (error) {
      if (!existsSync(browser.path)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Inflates the browser at `path` first when it is the npm browser of `root` and not inflated yet. */
export async function prepareBrowser(path: string, root: string): Promise<void> {
  const browser = npmBrowser(root);
  if (browser && browser.path === path) await materializeNpmBrowser(browser);
}
