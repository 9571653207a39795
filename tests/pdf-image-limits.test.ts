import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { IMAGE_LIMITS } from "../src/services/pdf/image-limits.ts";
import { PdfService } from "../src/services/pdf/pdf-service.ts";
import { hugePng, solidGif, truncatedJpeg } from "./support/big-images.ts";

const counting = {
  html: "<p>{{ images | length }} {% for image in images %}{{ image.src }} {% endfor %}</p>",
  css: null,
  files: new Map(),
};

describe("images a card can afford: pixels from headers, whole files, a budget per card", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  afterAll(() => pdf.close());

  it("leaves out a broken photo and one with too many pixels, and fits a GIF as a PNG of its first frame", async () => {
    const good = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#468" } })
      .jpeg()
      .toBuffer();
    const result = await pdf.render(counting, {
      images: [
        { bytes: await truncatedJpeg(), extension: "jpg" },
        { bytes: hugePng(30000, 30000), extension: "png" },
        { bytes: await solidGif(400, 300), extension: "gif" },
        { bytes: good, extension: "jpg" },
        { bytes: new TextEncoder().encode("not an image at all"), extension: "jpg" },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.skipped).toEqual([
      { index: 1, reason: "broken", width: 1600, height: 1200 },
      { index: 2, reason: "too-large", width: 30000, height: 30000 },
      { index: 5, reason: "broken", width: undefined, height: undefined },
    ]);
  });

  it("a broken photo is left out of a card whose layout is known too (there its fit, made while the page loads, proves it)", async () => {
    const cover = {
      html: `<!doctype html><html><body>{% for image in images %}<img src="{{ image.src }}"
        style="width:120px;height:90px;object-fit:cover">{% endfor %}</body></html>`,
      css: null,
      files: new Map(),
    };
    const whole = async (color: string) => ({
      bytes: await sharp({ create: { width: 1600, height: 1200, channels: 3, background: color } })
        .jpeg()
        .toBuffer(),
      extension: "jpg",
    });
    // The layout is learnt from whole photos of the same size, then the first one is a truncated file.
    const first = await pdf.render(cover, { images: [await whole("#246"), await whole("#642")] });
    expect(first.ok && first.skipped).toEqual([]);
    // A file of its own (a verdict on the other test's truncated file is remembered by content).
    const cut = (await whole("#834")).bytes;
    const result = await pdf.render(cover, {
      images: [{ bytes: cut.subarray(0, Math.floor(cut.length * 0.6)), extension: "jpg" }, await whole("#462")],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.skipped).toEqual([{ index: 1, reason: "broken", width: 1600, height: 1200 }]);
    // And a whole photo in the known layout goes in, proven by its fit.
    const again = await pdf.render(cover, { images: [await whole("#264"), await whole("#426")] });
    expect(again.ok && again.skipped).toEqual([]);
  });

  it("stops adding photos once the card's pixel budget is spent", async () => {
    const side = Math.floor(Math.sqrt(IMAGE_LIMITS.cardPixels / 3.5));
    const photo = { bytes: hugePng(side, side), extension: "png" };
    const result = await pdf.render(counting, { images: [photo, photo, photo, photo] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.skipped).toEqual([{ index: 4, reason: "over-budget" }]);
  });

  it("refuses a page of more elements than Chromium may build, before Chromium sees it", async () => {
    const template = {
      html: `{% for i in range(3000) %}${"<i></i>".repeat(10)}{% endfor %}`,
      css: null,
      files: new Map(),
    };
    expect(await pdf.render(template, {})).toEqual({ ok: false, kind: "too-complex", message: "30000" });
  });

  it("prints a template without its own image that has too many pixels (as if missing)", async () => {
    const files = new Map([["images/bg.png", hugePng(5000, 5000)]]);
    const template = { html: `<img src="images/bg.png"><p>x</p>`, css: null, files };
    const result = await pdf.render(template, {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.missing).toContain("images/bg.png");
  });
});
