import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";
import { BLUE, GREEN, RED, WHITE, pixel, solidPhoto } from "./support/card-pixels.ts";

/**
 * The generator keeps its rehearsed card on the browser's page, and the card with Gemini's words changes only its
 * words (chromium.ts, reprint.ts). These prove the reprint prints the new card exactly, and that anything beyond plain
 * words (a photo's box that moves, new markup that would load something) draws the card anew.
 */
const solid = (color: string) => solidPhoto(color, 800, 600);

// Each line of the description is a 20 px bar whose colour is its word; the photo sits under the bars.
const BARS = `<html><head><title>{{ project_name }}</title><style>@page{size:300px 300px;margin:0} body{margin:0}
p{margin:0;height:20px} .red{background:#f00} .blue{background:#00f}
img{display:block;width:200px;height:100px;object-fit:cover}</style></head><body>
{% for line in project_description.split("\\n") %}<p class="{{ line }}"></p>{% endfor %}
<img src="{{ images[0].src }}"></body></html>`;

// The photo shares a row with the words: longer words, narrower photo.
const ROW = `<html><head><style>@page{size:300px 100px;margin:0} body{margin:0}
.row{display:flex;width:300px} span{font-size:20px;white-space:nowrap}
img{flex:1;min-width:0;height:100px;object-fit:cover}</style></head><body>
<div class="row"><span>{{ project_description }}</span><img src="{{ images[0].src }}"></div></body></html>`;

describe("a kept card printed again with other words", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  afterAll(() => pdf.close());

  const render = async (html: string, data: CardData, keep = false) => {
    const phases: string[] = [];
    const result = await pdf.render({ html, css: null, files: new Map() }, data, {
      preview: "png",
      keep,
      onPhase: (phase) => phases.push(phase),
    });
    if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
    return { ...result, phases };
  };

  it("changes only the words: more lines, other colours, the photo where the new layout puts it", async () => {
    const photo = await solid("#0f0");
    const photos = { images: [{ bytes: photo, extension: "jpg" }] };
    await render(BARS, { project_name: "Draft", project_description: "red", ...photos }, true);
    const again = await render(BARS, { project_name: "Final", project_description: "blue\nred\nblue", ...photos });
    expect(again.phases).toContain("words changed");
    expect(again.phases).not.toContain("load");
    // Bars at y 10, 30, 50; the photo from y 60.
    expect([
      await pixel(again.preview!, 10, 10),
      await pixel(again.preview!, 10, 30),
      await pixel(again.preview!, 10, 50),
      await pixel(again.preview!, 100, 110),
      await pixel(again.preview!, 250, 110),
    ]).toEqual([BLUE, RED, BLUE, GREEN, WHITE]);
    expect(again.pageSize.pages).toBe(1);
    expect(Buffer.from(again.pdf).toString("latin1")).toContain("/Title (Final)");
  });

  it("draws the card anew when the new words move a photo's box (its fitted copy is cut for the old box)", async () => {
    // A green band on top: the wide box (the short line) crops it away, the narrow one shows it.
    const banded = await sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
<rect width="800" height="600" fill="#00f"/><rect width="800" height="100" fill="#0f0"/></svg>`),
    )
      .jpeg()
      .toBuffer();
    const photos = { images: [{ bytes: banded, extension: "jpg" }] };
    const short = await render(ROW, { project_description: "a", ...photos }, true);
    expect(await pixel(short.preview!, 290, 4)).toBe(BLUE);
    const again = await render(ROW, { project_description: "a much longer line", ...photos });
    expect(again.phases).toContain("kept card cleared");
    expect(await pixel(again.preview!, 290, 4)).toBe(GREEN);
    expect(await pixel(again.preview!, 290, 50)).toBe(BLUE);
  });

  it("draws the card anew when the new markup would load something (the request filter then sees it)", async () => {
    const html = BARS.replace('<p class="{{ line }}"></p>', '<p class="{{ line }}">{{ project_name | safe }}</p>');
    const photos = { images: [{ bytes: await solid("#0f0"), extension: "jpg" }] };
    await render(html, { project_name: "plain", project_description: "red", ...photos }, true);
    const hostile = `<b style="background:url(https://evil.example/x.png)">x</b>`;
    const again = await render(html, { project_name: hostile, project_description: "red", ...photos });
    expect(again.phases).toContain("kept card cleared");
    expect(again.blocked).toContain("https://evil.example/x.png");
  });

  it("recycles a page at its render limit instead of keeping its card (a renderer must not grow forever)", async () => {
    const own = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
    try {
      const photos = { images: [{ bytes: await solid("#0f0"), extension: "jpg" }] };
      const loads: boolean[] = [];
      for (let i = 0; i < 11; i++) {
        const phases: string[] = [];
        const result = await own.render(
          { html: BARS, css: null, files: new Map() },
          { project_description: i % 2 ? "red" : "blue", ...photos },
          { keep: true, onPhase: (phase) => phases.push(phase) },
        );
        expect(result.ok).toBe(true);
        loads.push(phases.includes("load"));
      }
      // The 10th card on the page is not kept: the 11th is drawn on a fresh page.
      expect(loads).toEqual([true, ...Array(9).fill(false), true]);
    } finally {
      await own.close();
    }
  });

  it("swaps other photos of the same size into the kept card, and does not keep a card not asked to be kept", async () => {
    const first = { images: [{ bytes: await solid("#0f0"), extension: "jpg" }] };
    const second = { images: [{ bytes: await solid("#f00"), extension: "jpg" }] };
    await render(BARS, { project_description: "red", ...first }, true);
    const other = await render(BARS, { project_description: "blue", ...second });
    expect(other.phases).toContain("photos swapped");
    expect(other.phases).not.toContain("load");
    expect([await pixel(other.preview!, 10, 10), await pixel(other.preview!, 100, 60)]).toEqual([BLUE, RED]);
    const unkept = await render(BARS, { project_description: "red", ...first });
    expect(unkept.phases).not.toContain("words changed");
    expect(unkept.phases).not.toContain("kept card cleared");
    expect([await pixel(unkept.preview!, 10, 10), await pixel(unkept.preview!, 100, 60)]).toEqual([RED, GREEN]);
  });

  it("prints a card asked without an image of it with its new photos, as JPEGs in the PDF", async () => {
    const first = { images: [{ bytes: await solid("#0f0"), extension: "jpg" }] };
    const second = { images: [{ bytes: await solid("#f00"), extension: "jpg" }] };
    const pdfOnly = (data: CardData, keep: boolean) =>
      pdf.render({ html: BARS, css: null, files: new Map() }, data, { keep }).then((result) => {
        if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
        return result.pdf;
      });
    // Drawn anew (a card of another template was kept), then the kept card with another photo swapped in.
    await render(ROW, { project_description: "x", ...first }, true);
    expect(await photoColours(await pdfOnly({ project_description: "red", ...first }, true))).toEqual([GREEN]);
    expect(await photoColours(await pdfOnly({ project_description: "red", ...second }, true))).toEqual([RED]);
  });

  it("draws the card anew for photos of another size (their boxes and copies would differ)", async () => {
    await render(
      BARS,
      { project_description: "red", images: [{ bytes: await solid("#0f0"), extension: "jpg" }] },
      true,
    );
    const taller = await solidPhoto("#f00", 600, 800);
    const other = await render(BARS, { project_description: "red", images: [{ bytes: taller, extension: "jpg" }] });
    expect(other.phases).toContain("load");
    expect(await pixel(other.preview!, 100, 60)).toBe(RED);
  });

  it("leaves a broken new photo out of a kept card (its fit to the kept box proves it)", async () => {
    await render(
      BARS,
      { project_description: "red", images: [{ bytes: await solid("#0f0"), extension: "jpg" }] },
      true,
    );
    const whole = await solid("#f00");
    const broken = whole.subarray(0, Math.floor(whole.length * 0.6));
    const other = await render(BARS, { project_description: "red", images: [{ bytes: broken, extension: "jpg" }] });
    expect(other.skipped).toEqual([{ index: 1, reason: "broken", width: 800, height: 600 }]);
    // Drawn without it: no photo under the bar (the old green one is not left in place).
    expect(await pixel(other.preview!, 100, 60)).toBe(WHITE);
  });
});

/** The colours of the JPEGs a PDF embeds (Skia writes a photo's JPEG into the file as it is: DCTDecode). */
async function photoColours(pdf: Buffer): Promise<string[]> {
  const text = pdf.toString("latin1");
  const colours: string[] = [];
  for (const match of text.matchAll(/\/Filter\s*\/DCTDecode[^]*?stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const jpeg = pdf.subarray(start, text.indexOf("endstream", start));
    colours.push(await pixel(await sharp(jpeg).png().toBuffer(), 10, 10));
  }
  return colours;
}
