/**
 * The bench cards: a simple one and a heavy one (gradients, shadows, transforms, a rotated tiled SVG), and 1600×1200
 * test photos.
 */
import sharp from "sharp";

export const SIMPLE = `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 14mm }
body { font-family: "DejaVu Sans", sans-serif; color: #222; }
h1 { font-size: 26pt; margin: 0 0 6mm }
p { font-size: 11pt; line-height: 1.45 }
.grid { display: flex; flex-wrap: wrap; gap: 4mm }
.grid img { width: 86mm; height: 64mm; object-fit: cover }
</style></head><body>
<h1>{{ project_name }}</h1><p>{{ project_description }}</p>
<div class="grid">{% for image in images %}<img src="{{ image.src }}">{% endfor %}</div>
<p>{{ current_date }}</p></body></html>`;

const TILE = `<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40'><path d='M0 20 L20 0 L40 20 L20 40 Z' fill='none' stroke='%23c9b28f' stroke-width='1.5'/><circle cx='20' cy='20' r='3' fill='%238c6e4b'/></svg>`;

export const HEAVY = `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 }
body { margin: 0; font-family: "DejaVu Sans", sans-serif; }
.page { position: relative; width: 210mm; height: 297mm; overflow: hidden;
  background: linear-gradient(135deg, #f6efe4 0%, #e4d3b8 45%, #b99a74 100%); }
.pattern { position: absolute; inset: -30%; opacity: .35; transform: rotate(18deg);
  background-image: url("data:image/svg+xml;utf8,${TILE}"); background-size: 40px 40px; }
.title { position: relative; margin: 16mm 14mm 4mm; font-size: 30pt; color: #fff;
  text-shadow: 0 2px 4px rgba(0,0,0,.45), 0 0 18px rgba(90,60,20,.6); transform: skewX(-6deg); }
.lead { position: relative; margin: 0 14mm 6mm; padding: 5mm; font-size: 11pt; line-height: 1.5; color: #2b2118;
  background: radial-gradient(circle at 20% 20%, rgba(255,255,255,.95), rgba(255,255,255,.75));
  border-radius: 6mm; box-shadow: 0 8px 24px rgba(0,0,0,.25), inset 0 0 0 1px rgba(255,255,255,.6); }
.hero { position: relative; display: block; margin: 0 14mm 6mm; width: 182mm; height: 100mm; object-fit: cover;
  border-radius: 4mm; box-shadow: 0 14px 40px rgba(0,0,0,.35); transform: rotate(-1.5deg); }
.strip { position: relative; display: flex; gap: 3mm; margin: 0 14mm 4mm; }
.strip img { width: 33mm; height: 25mm; object-fit: cover; border: 2mm solid #fff; border-radius: 2mm;
  box-shadow: 0 4px 12px rgba(0,0,0,.3); transform: rotate(2deg); }
.badge { position: absolute; right: 12mm; top: 12mm; width: 30mm; height: 30mm; border-radius: 50%;
  background: conic-gradient(#8c6e4b, #d9c6a5, #8c6e4b); box-shadow: 0 6px 18px rgba(0,0,0,.4);
  color: #fff; font-size: 9pt; display: flex; align-items: center; justify-content: center; text-shadow: 0 1px 3px #000; }
</style></head><body><div class="page"><div class="pattern"></div>
<div class="badge">{{ current_date }}</div>
<h1 class="title">{{ project_name }}</h1>
<div class="lead">{{ project_description }}</div>
{% for image in images %}{% if loop.first %}<img class="hero" src="{{ image.src }}">{% endif %}{% endfor %}
<div class="strip">{% for image in images %}<img src="{{ image.src }}">{% endfor %}</div>
<div class="strip">{% for image in images %}<img src="{{ image.src }}" style="transform: rotate(-3deg)">{% endfor %}</div>
</div></body></html>`;

export async function photo(index: number): Promise<Buffer> {
  const hue = (index * 67) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
<defs><radialGradient id="g" cx="40%" cy="35%" r="80%"><stop offset="0" stop-color="hsl(${hue},45%,85%)"/><stop offset="1" stop-color="hsl(${hue},35%,25%)"/></radialGradient></defs>
<rect width="1600" height="1200" fill="url(#g)"/><ellipse cx="800" cy="640" rx="360" ry="420" fill="hsl(${(hue + 180) % 360},30%,55%)"/>
<rect x="560" y="980" width="480" height="60" rx="20" fill="#333" opacity=".6"/></svg>`;
  const noise = await sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 12 },
    },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: "overlay" }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The same photo with other bytes (a JPEG comment after SOI): a new hash, so nothing fitted earlier is reused. */
let generation = 0;
export const renewed = (jpeg: Buffer) => {
  const note = Buffer.from(`bench ${++generation}`);
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, note.length + 2]), note]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
};

/**
 * The heavy card minus what WeasyPrint 57 does not draw at all (seen side by side in
 * docs/PERFORMANCE.md): the rotated tiled SVG layer, box and text shadows, the conic
 * gradient. The two engines then paint the same page, so this row is like for like.
 */
export const HEAVY_AS_WEASYPRINT_DRAWS = HEAVY.replace('<div class="pattern"></div>', "")
  .replace(/\s*(box-shadow|text-shadow):[^;]*;/g, "")
  .replace(/background: conic-gradient\([^;]*\);/, "background: #8c6e4b;");
