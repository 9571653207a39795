import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { bundleFromZip, decodeText, UploadRefusal } from "../src/services/pdf/template-upload.ts";
import { fontHasCyrillic } from "../src/services/pdf/font-coverage.ts";
import { imageSizeOf } from "../src/services/pdf/assets.ts";
import { lyingZipBomb } from "./support/zip-bomb.ts";

const text = (value: string) => new TextEncoder().encode(value);
const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof UploadRefusal) return error.key;
    throw error;
  }
  return "accepted";
};

describe("template uploads: ZIP layout, limits and encodings", () => {
  it("reads a WeasyprintReady ZIP: template.html, style.css, images/, fonts/ (also inside one folder)", async () => {
    const zip = zipSync({
      "Card/template.html": text("<p>{{ project_name }}</p>"),
      "Card/style.css": text("@page { size: 800px 600px; margin: 0 }"),
      "Card/images/a.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      "Card/fonts/": new Uint8Array(),
    });
    const bundle = await bundleFromZip(zip);
    expect(bundle.html).toContain("project_name");
    expect(bundle.css).toContain("@page");
    expect([...bundle.files.keys()]).toEqual(["images/a.png"]);
  });

  it("refuses zip-slip paths, too many entries, bombs, and a ZIP without HTML", async () => {
    expect(await refusal(() => bundleFromZip(zipSync({ "template.html": text("x"), "../evil.txt": text("x") })))).toBe(
      "tpl-err-zip-path",
    );
    expect(await refusal(() => bundleFromZip(zipSync({ "template.html": text("x"), "/etc/evil": text("x") })))).toBe(
      "tpl-err-zip-path",
    );
    const many: Record<string, Uint8Array> = { "template.html": text("x") };
    for (let i = 0; i < 300; i++) many[`images/${i}.png`] = text("x");
    expect(await refusal(() => bundleFromZip(zipSync(many)))).toBe("tpl-err-zip-entries");
    const bomb = zipSync(
      { "template.html": text("x"), "images/zero.png": new Uint8Array(61 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(await refusal(() => bundleFromZip(bomb))).toBe("tpl-err-zip-unpacked");
    expect(await refusal(() => bundleFromZip(zipSync({ "images/a.png": text("x") })))).toBe("tpl-err-zip-no-html");
    expect(await refusal(() => bundleFromZip(new Uint8Array(21 * 1024 * 1024)))).toBe("tpl-err-zip-too-large");
    expect(await refusal(() => bundleFromZip(text("PK not really a zip")))).toBe("tpl-err-zip-broken");
  });

  // How fast and how freely (figures): tests/reliability/hostile-resources.test.ts. Here: refused, and not in-line.
  it("stops a bomb whose headers lie (1 KB declared, 2 GiB each) at what it declared, off the event loop", async () => {
    const bomb = lyingZipBomb();
    expect(bomb.byteLength).toBeLessThan(20 * 1024 * 1024);
    // Inflating happens on libuv's thread pool: the loop turns (this immediate runs) before the answer comes back.
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    const key = await refusal(() => bundleFromZip(bomb));
    expect(key).toBe("tpl-err-zip-lying");
    expect(loopTurned).toBe(true);
  });

  it("decodes UTF-8 and declared charsets, refuses undeclared non-UTF-8 and text over 1 MB", async () => {
    expect(decodeText(text("\ufeffПривет"), "a.html")).toBe("Привет");
    const cp1251 = new Uint8Array([...text('<meta charset="windows-1251">'), 0xcf, 0xf0, 0xe8]);
    expect(decodeText(cp1251, "a.html")).toContain("При");
    expect(await refusal(() => decodeText(new Uint8Array([0xcf, 0xf0, 0xe8]), "a.html"))).toBe("tpl-err-encoding");
    expect(await refusal(() => decodeText(new Uint8Array(1024 * 1024 + 1), "a.html"))).toBe("tpl-err-text-too-large");
  });

  it("knows whether a font has Cyrillic glyphs and reads image sizes", () => {
    expect(fontHasCyrillic(readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))).toBe(true);
    expect(fontHasCyrillic(text("wOF2 compressed"))).toBeUndefined();
    const png = Buffer.alloc(24);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(1600, 16);
    png.writeUInt32BE(1200, 20);
    expect(imageSizeOf(png)).toEqual({ width: 1600, height: 1200 });
    expect(imageSizeOf(text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"></svg>'))).toEqual({
      width: 300,
      height: 200,
    });
  });
});
