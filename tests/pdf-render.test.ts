import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";
import { viewportFor } from "../src/services/pdf/page-size.ts";
import { BLUE, GREEN, RED, YELLOW, pixel, solidPhoto } from "./support/card-pixels.ts";

const solid = solidPhoto;

describe("PDF renders on the reused Chromium page", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  afterAll(() => pdf.close());

  const card = (photo: Buffer): CardData => ({ images: [{ bytes: photo, extension: "jpg" }] });

  it("never shows an earlier card's files served under the same paths", async () => {
    const html = `<html><head><style>@page{size:400px 200px;margin:0} body{margin:0} img{display:block;width:180px;height:90px;object-fit:cover}</style></head>
<body><img src="images/a.png"><img src="{{ images[0].src }}"><div style="position:absolute;left:200px;top:0;width:100px;height:100px;background:url(images/a.png)"></div></body></html>`;
    for (const [asset, photo] of [
      ["red", "lime"],
      ["blue", "yellow"],
      ["red", "yellow"],
    ] as const) {
      const result = await pdf.render(
        { html, css: null, files: new Map([["images/a.png", await solid(asset, 50, 50, "png")]]) },
        card(await solid(photo, 1600, 1200)),
        { preview: "png" },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const want = { red: RED, blue: BLUE, lime: GREEN, yellow: YELLOW };
      expect([
        await pixel(result.preview!, 90, 45),
        await pixel(result.preview!, 90, 135),
        await pixel(result.preview!, 250, 50),
      ]).toEqual([want[asset], want[photo], want[asset]]);
    }
  });

  it("prints the photo itself where a template uses it outside <img> (CSS background, <picture>)", async () => {
    const html = `<html><head><style>@page{size:400px 200px;margin:0} body{margin:0}</style></head><body>
<div style="width:180px;height:90px;background:url({{ images[0].src }}) center/cover"></div>
<picture><source srcset="{{ images[1].src }}"><img src="{{ images[1].src }}" style="display:block;width:180px;height:90px;object-fit:cover"></picture></body></html>`;
    const result = await pdf.render(
      { html, css: null, files: new Map() },
      {
        images: [
          { bytes: await solid("blue", 1600, 1200), extension: "jpg" },
          { bytes: await solid("yellow", 1600, 1200), extension: "jpg" },
        ],
      },
      { preview: "png" },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([await pixel(result.preview!, 90, 45), await pixel(result.preview!, 90, 135)]).toEqual([BLUE, YELLOW]);
  });

  it("serves the template's own files to root-relative URLs, and a template's <base> cannot point them elsewhere", async () => {
    const html = `<!doctype html><base href="http://127.0.0.1:9/"><style>@page{size:400px 100px;margin:0} body{margin:0} img{display:block;float:left;width:100px;height:100px}</style>
<img src="/images/a.png"><img src="images/b.png"><div style="float:left;width:100px;height:100px;background:url(/images/b.png)"></div>`;
    const files = new Map([
      ["images/a.png", await solid("red", 20, 20, "png")],
      ["images/b.png", await solid("blue", 20, 20, "png")],
    ]);
    const result = await pdf.render({ html, css: null, files }, {}, { preview: "png" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([
      await pixel(result.preview!, 50, 50),
      await pixel(result.preview!, 150, 50),
      await pixel(result.preview!, 250, 50),
    ]).toEqual([RED, BLUE, BLUE]);
    expect(result.blocked).toEqual([]);
  });

  it("prints a rotated, faded, repeated SVG background as a small tiling pattern, not as a page-sized image", async () => {
    // A stroked path: a plain filled square would be printed as a flat colour either way.
    const tile =
      "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect width='20' height='20' fill='red'/><path d='M0 10 L10 0 L20 10 L10 20 Z' fill='none' stroke='blue'/></svg>";
    const html = `<!doctype html><style>@page{size:A4;margin:0} body{margin:0} .page{position:relative;width:210mm;height:297mm;overflow:hidden}
.pattern{position:absolute;inset:-30%;opacity:.5;transform:rotate(18deg);background:url("data:image/svg+xml;utf8,${tile}") 0 0/20px 20px}</style>
<div class="page"><div class="pattern"></div></div>`;
    const result = await pdf.render({ html, css: null, files: new Map() }, {}, { preview: "png" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Mostly red at half opacity over white, with thin blue lines: the pattern is on the page.
    const [r, g, b] = (await sharp(result.preview!).stats()).channels.map((channel) => channel.mean);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeGreaterThan(90);
    expect(g).toBeLessThan(170);
    expect(b).toBeGreaterThan(g);
    // As an SVG pattern the PDF backend paints the page as one lossless image (~1 MB).
    expect(result.pdf.length).toBeLessThan(100_000);
  });

  it("keeps a repeated SVG background's tile size (auto, one length, two lengths) when it prints it as PNG tiles", async () => {
    const tile =
      "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect width='10' height='20' fill='red'/><rect x='10' width='10' height='20' fill='blue'/></svg>";
    const url = `url("data:image/svg+xml;utf8,${tile}")`;
    const html = `<!doctype html><style>@page{size:200px 60px;margin:0} body{margin:0} div{height:20px;background-image:${url}}</style>
<div></div><div style="background-size:40px"></div><div style="background-size:60px 20px"></div>`;
    const result = await pdf.render({ html, css: null, files: new Map() }, {}, { preview: "png" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = (y: number, xs: number[]) => Promise.all(xs.map((x) => pixel(result.preview!, x, y)));
    expect(await row(10, [5, 15, 25, 35])).toEqual([RED, BLUE, RED, BLUE]);
    expect(await row(30, [10, 30, 50, 70])).toEqual([RED, BLUE, RED, BLUE]);
    expect(await row(50, [15, 45, 75, 105])).toEqual([RED, BLUE, RED, BLUE]);
  });

  it("prints a replaced stylesheet's own SVG tiles, not the tiles remembered for the same markup", async () => {
    const html = `<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body><div class="pattern"></div></body></html>`;
    const tile = (color: string) =>
      `<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10' fill='${color}'/><path d='M0 5 L5 0 L10 5 L5 10 Z' fill='none' stroke='${color}'/></svg>`;
    const css = (color: string) =>
      `@page{size:100px 100px;margin:0} body{margin:0} .pattern{height:100px;transform:rotate(3deg);background:url("data:image/svg+xml;utf8,${tile(color)}") 0 0/10px 10px}`;
    for (const [color, want] of [
      ["red", RED],
      ["blue", BLUE],
      ["red", RED],
    ] as const) {
      const result = await pdf.render(
        { html, css: null, files: new Map([["style.css", Buffer.from(css(color))]]) },
        {},
        { preview: "png" },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(await pixel(result.preview!, 50, 50)).toBe(want);
    }
  });

  it("lays consecutive A4 cards out alike, so the same photo prints the same fitted copy (the page-1 PNG does not shift the layout)", async () => {
    const html = `<!doctype html><style>@page{size:A4;margin:0} body{margin:0;padding:0 16mm} img{display:block;width:100%;height:300px;object-fit:cover}</style><h1>{{ project_name }}</h1><img src="{{ images[0].src }}">`;
    const photo = await solid("red", 1600, 1200);
    const widths: string[] = [];
    for (const name of ["Первая", "Вторая", "Третья"]) {
      const result = await pdf.render(
        { html, css: null, files: new Map() },
        { ...card(photo), project_name: name },
        { preview: "png" },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      widths.push(
        [...result.pdf.toString("latin1").matchAll(/\/Subtype\s*\/Image[\s\S]{0,300}?\/Width\s+(\d+)/g)]
          .map((m) => m[1])
          .join(","),
      );
    }
    expect(widths[0]).not.toBe("");
    expect(new Set(widths).size).toBe(1);
  });

  it("gives a card the same preview whatever the page printed before (its size follows its own page only)", async () => {
    const noPageSize = `<!doctype html><div style="width:600px;height:200px;background:#0a0">{{ project_name }}</div>`;
    const wide = `<!doctype html><style>@page{size:1240px 1754px;margin:0}</style><p>{{ project_name }}</p>`;
    const previews: string[] = [];
    for (const html of [noPageSize, wide, noPageSize, `<style>@page{size:A4}</style>${noPageSize}`, noPageSize]) {
      const result = await pdf.render({ html, css: null, files: new Map() }, card(await solid("red", 40, 30)), {
        preview: "png",
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { width, height } = await sharp(result.preview!).metadata();
      expect({ width, height }).toEqual(viewportFor(result.pageSize));
      if (html === noPageSize) previews.push(result.preview!.toString("base64"));
    }
    expect(new Set(previews).size).toBe(1);
  });

  it("fits a photo turned by its EXIF orientation the way Chromium shows it", async () => {
    // Stored 400×200, left half red, right half blue; orientation 6 shows it 200×400 with red on top.
    const stored = await sharp(await solid("red", 200, 200, "png"))
      .extend({ right: 200, background: "blue" })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const html = `<html><head><style>@page{size:200px 400px;margin:0} body{margin:0} img{display:block;width:100px;height:100px;object-fit:cover}</style></head>
<body><img src="{{ images[0].src }}" style="width:100px;height:200px;object-fit:fill"><img src="{{ images[0].src }}"></body></html>`;
    const result = await pdf.render({ html, css: null, files: new Map() }, card(stored), { preview: "png" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([await pixel(result.preview!, 50, 20), await pixel(result.preview!, 50, 180)]).toEqual([RED, BLUE]);
    // The cover box crops the middle: the red/blue edge runs across it.
    expect([await pixel(result.preview!, 50, 205), await pixel(result.preview!, 50, 295)]).toEqual([RED, BLUE]);
  });

  it("replaces a browser that a render left above its memory budget, and keeps one that stays under", async () => {
    const tight = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000, chromiumMemoryBudgetBytes: 1 });
    const roomy = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
    const card = { html: "<p>{{ project_name }}</p>", css: null, files: new Map() };
    try {
      for (const service of [tight, roomy]) {
        expect((await service.render(card, { project_name: "a" })).ok).toBe(true);
        // The memory is checked after the card is handed over, before the next one starts.
        await service.chromium.settled();
        const measured = service.chromium.lastMemoryBytes;
        expect(measured).toBeGreaterThan(10 * 1024 * 1024);
        expect(service.chromium.running).toBe(service === roomy);
        expect((await service.render(card, { project_name: "b" })).ok).toBe(true);
      }
    } finally {
      await tight.close();
      await roomy.close();
    }
  });
});
