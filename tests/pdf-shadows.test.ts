import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService } from "../src/services/pdf/pdf-service.ts";
import { spreadRadius } from "../src/services/pdf/shadow-geometry.ts";
import { solidPhoto } from "./support/card-pixels.ts";

/**
 * A photo's blurred box-shadow is drawn once as an image around it (shadow-images.ts) instead of by Skia's PDF
 * backend at print resolution. These compare it with the shadow Chromium draws itself, side by side on one page: the
 * twin is the same photo with a zero-width outline, which keeps it from taking a shadow image.
 */
const PAGE = `<!doctype html><html><head><style>@page{size:600px 300px;margin:0} body{margin:0;background:#e8e4dc}
.cell{position:absolute;top:60px;width:160px;height:120px}
.photo{left:60px} .twin{left:340px;outline:0 solid transparent}
{{ project_description }}</style></head><body>
<img class="cell photo" src="{{ images[0].src }}"><img class="cell twin" src="{{ images[0].src }}"></body></html>`;

/** Per channel, the largest and the mean difference between the photo's half of the page and the twin's. */
async function halvesDifference(preview: Buffer): Promise<{ max: number; mean: number }> {
  const { data, info } = await sharp(preview).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let max = 0;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < 280; x++)
      for (let c = 0; c < 3; c++) {
        const left = data[(y * info.width + x) * 3 + c];
        const right = data[(y * info.width + x + 280) * 3 + c];
        max = Math.max(max, Math.abs(left - right));
        sum += Math.abs(left - right);
        count++;
      }
  return { max, mean: sum / count };
}

describe("blurred shadows of photos drawn once as images", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  afterAll(() => pdf.close());

  const render = async (css: string) => {
    const phases: string[] = [];
    const photo = await solidPhoto("#3366cc", 800, 600);
    const result = await pdf.render(
      { html: PAGE, css: null, files: new Map() },
      { project_description: css, images: [{ bytes: photo, extension: "jpg" }] },
      { preview: "png", onPhase: (phase) => phases.push(phase) },
    );
    if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
    return { ...result, phases, difference: await halvesDifference(result.preview!) };
  };

  it("looks like Chromium's own shadow: offset, spread, rounded corners, two shadows", async () => {
    const card = await render(
      ".cell{border-radius:14px;box-shadow:0 14px 40px rgba(0,0,0,.35),-6px 0 12px 4px rgba(120,40,0,.3)}",
    );
    expect(card.phases).toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(20);
    expect(card.difference.mean).toBeLessThan(0.5);
  });

  it("keeps a rotated photo's white border (drawn again as an outline of the same shape)", async () => {
    const card = await render(
      ".cell{box-sizing:border-box;border:8px solid #fff;border-radius:8px;transform:rotate(3deg);" +
        "box-shadow:0 4px 12px rgba(0,0,0,.3)}",
    );
    expect(card.phases).toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(40);
    expect(card.difference.mean).toBeLessThan(0.5);
  });

  it("leaves the shadow to Chromium where the photo would not hide an image under it", async () => {
    const card = await render(".cell{opacity:.6;box-shadow:0 8px 24px rgba(0,0,0,.4)}");
    expect(card.phases).not.toContain("shadows as images");
    expect(card.difference.max).toBeLessThanOrEqual(2);
  });

  it("grows a corner's radius with the spread as CSS says", () => {
    expect([spreadRadius(10, 0), spreadRadius(0, 6), spreadRadius(10, -4), spreadRadius(10, -20)]).toEqual([
      10, 0, 6, 0,
    ]);
    expect(spreadRadius(12, 6)).toBe(18);
    // Radius below the spread: 1 + (r/s - 1)³ of the spread (4/8 → 1 - 0.125).
    expect(spreadRadius(4, 8)).toBe(4 + 8 * 0.875);
  });
});
