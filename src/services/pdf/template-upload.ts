import { extensionOf, isFontPath, isImagePath } from "./assets.ts";
import { unpackZip } from "./zip-unpack.ts";
import type { TemplateBundle } from "../../domain/template-bundle.ts";

export const LIMITS = {
  textBytes: 1024 * 1024,
  zipBytes: 20 * 1024 * 1024,
  unpackedBytes: 60 * 1024 * 1024,
  entries: 300,
  imageBytes: 20 * 1024 * 1024,
};

/** A refusal with an i18n key and its arguments: each says why, nothing is stored. */
export class UploadRefusal extends Error {
  readonly key: string;
  readonly args: Record<string, string | number>;
  constructor(key: string, args: Record<string, string | number> = {}) {
    super(key);
    this.key = key;
    this.args = args;
  }
}

/** UTF-8 (BOM allowed), UTF-16 with BOM, or the charset the HTML declares; anything else is refused. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.byteLength > LIMITS.textBytes) throw new UploadRefusal("tpl-err-text-too-large", { file: fileName, mb: 1 });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const declared = Buffer.from(bytes.subarray(0, 2048))
      .toString("latin1")
      .match(/charset=["']?([\w-]+)/i)?.[1];
    if (declared) {
      try {
        return new TextDecoder(declared, { fatal: true }).decode(bytes);
      } catch {
        // an unknown label or bytes invalid in it: refused below
      }
    }
    throw new UploadRefusal("tpl-err-encoding", { file: fileName });
  }
}

/** Rejects absolute paths, `..`, drive letters and backslashes (zip-slip); returns the normalised path. */
export function safeEntryPath(name: string): string {
  if (name.includes("\\") || name.startsWith("/") || /^[a-z]:/i.test(name) || name.includes("\0"))
    throw new UploadRefusal("tpl-err-zip-path", { path: name.slice(0, 80) });
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.some((part) => part === "..")) throw new UploadRefusal("tpl-err-zip-path", { path: name.slice(0, 80) });
  return parts.join("/");
}

/**
 * Reads a ZIP as the WeasyprintReady Figma plugin exports it: template.html,
 * style.css, images/…, fonts/… (also accepted inside one top-level folder).
 * Unpacked off the event loop, counting what actually inflates (not what the headers declare).
 */
export async function bundleFromZip(zip: Uint8Array): Promise<TemplateBundle> {
  if (zip.byteLength > LIMITS.zipBytes) throw new UploadRefusal("tpl-err-zip-too-large", { mb: 20 });
  const unpacked = await unpackZip(zip, { entries: LIMITS.entries, unpackedBytes: LIMITS.unpackedBytes });
  if (!unpacked.ok) {
    if (unpacked.reason === "entries") throw new UploadRefusal("tpl-err-zip-entries", { max: LIMITS.entries });
    if (unpacked.reason === "unpacked") throw new UploadRefusal("tpl-err-zip-unpacked", { mb: 60 });
    if (unpacked.reason === "lying") throw new UploadRefusal("tpl-err-zip-lying", { path: unpacked.name.slice(0, 80) });
    throw new UploadRefusal("tpl-err-zip-broken");
  }
  const files = new Map<string, Uint8Array>();
  for (const { name, bytes } of unpacked.entries) {
    const path = safeEntryPath(name);
    if (path.startsWith("__MACOSX/") || path.split("/").pop()!.startsWith(".")) continue;
    files.set(path, bytes);
  }
  const roots = new Set([...files.keys()].map((path) => (path.includes("/") ? path.split("/")[0] : "")));
  if (roots.size === 1 && !roots.has("")) {
    const prefix = `${[...roots][0]}/`;
    for (const [path, bytes] of [...files]) {
      files.delete(path);
      files.set(path.slice(prefix.length), bytes);
    }
  }
  const pick = (preferred: string, extensions: string[]) =>
    files.has(preferred)
      ? preferred
      : [...files.keys()].filter((path) => !path.includes("/") && extensions.includes(extensionOf(path))).sort()[0];
  const htmlPath = pick("template.html", ["html", "htm"]);
  if (!htmlPath) throw new UploadRefusal("tpl-err-zip-no-html");
  const cssPath = pick("style.css", ["css"]);
  const html = decodeText(files.get(htmlPath)!, htmlPath);
  const css = cssPath ? decodeText(files.get(cssPath)!, cssPath) : null;
  files.delete(htmlPath);
  if (cssPath) files.delete(cssPath);
  for (const [path, bytes] of files) {
    if (isImagePath(path) && bytes.byteLength > LIMITS.imageBytes)
      throw new UploadRefusal("tpl-err-image-too-large", { path, mb: 20 });
    if (!isImagePath(path) && !isFontPath(path)) files.delete(path);
  }
  return { html, css, files };
}

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
