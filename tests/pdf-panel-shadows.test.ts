import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService } from "../src/services/pdf/pdf-service.ts";
import { shadowOutsets } from "../src/services/pdf/shadow-geometry.ts";

/**
 * The blurred shadow of a box that is not a photo (a translucent panel) is drawn once as an image under it, cut to
 * its shape (panel-shadows.ts), instead of by Skia's PDF backend at print resolution. These compare it with the
 * shadow Chromium draws itself, side by side on one page over a striped background (a shadow under a translucent box
 * would show): the twin sets the same shadow inline with `!important`, which keeps it from taking the image.
 */
const PAGE = `<!doctype html><html><head><style>@page{size:1000px 400px;margin:0}
html{background:repeating-linear-gradient(#e8e4dc 0 6px,#b9a27e 6px 12px)} body{margin:0}
.cell{position:absolute;top:70px;width:280px;padding:14px;font:15px/1.4 sans-serif;color:#2b2118;
  --shadow:0 8px 24px rgba(0,0,0,.45),inset 0 0 0 1px rgba(255,255,255,.6);box-shadow:var(--shadow)}
.box{left:60px} .twin{left:560px}
{{ project_description }}</style></head><body>
<div class="cell box"><i></i>{{ project_name }}</div><div class="cell twin" style="box-shadow:var(--shadow) !important">
<i></i>{{ project_name }}</div></body></html>`;

const WORDS = "Настольная лампа из переработанного алюминия и дуба. ".repeat(3);

/** Per channel, the largest and the mean difference between the box's half of the page and the twin's. */
async function halvesDifference(preview: Buffer): Promise<{ max: number; mean: number }> {
  const { data, info } = await sharp(preview).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const half = info.width / 2;
  let max = 0;
  let sum = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < half; x++)
      for (let c = 0; c < 3; c++) {
        const difference = Math.abs(data[(y * info.width + x) * 3 + c] - data[(y * info.width + x + half) * 3 + c]);
        max = Math.max(max, difference);
        sum += difference;
      }
  return { max, mean: sum / (info.height * half * 3) };
}

describe("blurred shadows of panels drawn once as images", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  afterAll(() => pdf.close());

  const render = async (css: string, words = WORDS, keep = false) => {
    const phases: string[] = [];
    const result = await pdf.render(
      { html: PAGE, css: null, files: new Map() },
      { project_description: css, project_name: words },
      { preview: "png", keep, onPhase: (phase) => phases.push(phase) },
    );
    if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
    return { ...result, phases, difference: await halvesDifference(result.preview!) };
  };

  it("looks like Chromium's own shadow under a translucent rounded panel, its inset shadow kept", async () => {
    const card = await render(".cell{border-radius:22px;background:rgba(255,255,255,.72)}");
    expect(card.phases).toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(24);
    expect(card.difference.mean).toBeLessThan(0.3);
  });

  it("follows offsets, spread, two shadows and elliptical corners", async () => {
    const card = await render(
      ".cell{border-radius:30px/16px;background:rgba(250,240,225,.55);" +
        "--shadow:14px -6px 30px 4px rgba(90,40,0,.4),-8px 12px 10px rgba(0,0,60,.3)}",
    );
    expect(card.phases).toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(24);
    expect(card.difference.mean).toBeLessThan(0.3);
  });

  it("gives a kept card's panel its own shadow back when new words resize it", async () => {
    const css = ".cell{border-radius:22px;background:rgba(255,255,255,.72)}";
    await render(css, WORDS, true);
    const shorter = await render(css, "Лампа", true);
    expect(shorter.phases).toContain("words changed");
    expect(shorter.difference.max).toBeLessThanOrEqual(2);
  });

  it("keeps a panel's border as it is", async () => {
    const card = await render(".cell{border:3px dashed #555;border-radius:12px;background:rgba(255,255,255,.72)}");
    expect(card.phases).toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(24);
    expect(card.difference.mean).toBeLessThan(0.3);
  });

  it("leaves the shadow to Chromium where a ::before would change the panel (a layered descendant)", async () => {
    const card = await render(".cell{background:rgba(255,255,255,.72)} .cell i{position:relative;z-index:1}");
    expect(card.phases).not.toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(2);
  });

  it("leaves the shadow of an opaque panel to Chromium (it draws it whole, under the panel)", async () => {
    const card = await render(".cell{border-radius:50%;background:linear-gradient(#8c6e4b,#d9c6a5)}");
    expect(card.phases).not.toContain("shadows as images");
    // Both Chromium's: a few anti-aliased pixels of the ellipse's edge differ between the two places.
    expect(card.difference.mean).toBeLessThan(0.01);
  });

  it("reaches past the panel by the blur, the spread and the offset", () => {
    const shadow = { x: 0, y: 8, blur: 24, spread: 0, rgb: [0, 0, 0] as [number, number, number], alpha: 0.25 };
    expect(shadowOutsets([shadow])).toEqual([28, 36, 44, 36]);
    expect(shadowOutsets([{ ...shadow, x: 10, y: 0, spread: 4 }, shadow])).toEqual([40, 50, 44, 36]);
  });
});
