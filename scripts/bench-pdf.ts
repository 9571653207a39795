/**
 * PDF render benchmark: cold and warm renders of a simple and a heavy card with
 * 5 JPEGs (1600×1200), the same HTML through WeasyPrint when it is installed,
 * PDF size and peak memory (PSS of this process tree, Chromium included).
 *   npm run bench:pdf [-- --runs 5]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const chromiumPath = process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";

const SIMPLE = `<!doctype html><html><head><meta charset="utf-8"><style>
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

const HEAVY = `<!doctype html><html><head><meta charset="utf-8"><style>
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

async function photo(index: number): Promise<Buffer> {
  const hue = (index * 67) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
<defs><radialGradient id="g" cx="40%" cy="35%" r="80%"><stop offset="0" stop-color="hsl(${hue},45%,85%)"/><stop offset="1" stop-color="hsl(${hue},35%,25%)"/></radialGradient></defs>
<rect width="1600" height="1200" fill="url(#g)"/><ellipse cx="800" cy="640" rx="360" ry="420" fill="hsl(${(hue + 180) % 360},30%,55%)"/>
<rect x="560" y="980" width="480" height="60" rx="20" fill="#333" opacity=".6"/></svg>`;
  const noise = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 12 } } }).png().toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: noise, blend: "overlay" }]).jpeg({ quality: 85 }).toBuffer();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Sum of PSS (kB) over this process and all its descendants; `chromium` counts the browser's processes alone. */
function treePss(): { total: number; chromium: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const sum = { total: 0, chromium: 0 };
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const pss = Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
      sum.total += pss;
      if (readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("chrom")) sum.chromium += pss;
    } catch {}
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

const samplePeak = (peak: { kb: number; chromiumKb: number }) => {
  const now = treePss();
  peak.kb = Math.max(peak.kb, now.total);
  peak.chromiumKb = Math.max(peak.chromiumKb, now.chromium);
};

function weasyprint(html: string, images: Buffer[]): { cold: number; warm: number; bytes: number } | string {
  // Debian's weasyprint lives in the system Python, which a pyenv/venv python3 on PATH may not see.
  const python = ["python3", "/usr/bin/python3"].find((candidate) => spawnSync(candidate, ["-c", "import weasyprint"]).status === 0);
  if (!python) return "not installed";
  const dir = mkdtempSync(join(tmpdir(), "bench-weasy-"));
  try {
    images.forEach((bytes, i) => writeFileSync(join(dir, `image-${i + 1}.jpg`), bytes));
    writeFileSync(join(dir, "card.html"), html);
    const program = `
import json, sys, time
t0 = time.perf_counter()
from weasyprint import HTML
times = []
for i in range(${runs + 1}):
    start = time.perf_counter()
    pdf = HTML(filename=sys.argv[1] + "/card.html", base_url=sys.argv[1]).write_pdf()
    times.append(time.perf_counter() - start)
print(json.dumps({"cold": time.perf_counter() - t0 - sum(times[1:]), "warm": sorted(times[1:])[len(times[1:]) // 2], "bytes": len(pdf)}))`;
    const out = execFileSync(python, ["-c", program, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const result = JSON.parse(out) as { cold: number; warm: number; bytes: number };
    return { cold: result.cold * 1000, warm: result.warm * 1000, bytes: result.bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Row {
  name: string;
  cold: number;
  warm: number;
  bytes: number;
  weasy: ReturnType<typeof weasyprint>;
}

async function bench(name: string, html: string, images: Buffer[], peak: { kb: number; chromiumKb: number }): Promise<Row> {
  const data: CardData = {
    project_name: "Лампа «Сфера»",
    project_description: "Настольная лампа из переработанного алюминия и дуба. Плавная форма абажура рассеивает свет без бликов; корпус собирается без клея.",
    current_date: "25.11.2026",
    images: images.map((bytes) => ({ bytes, extension: "jpg" })),
  };
  const pdf = new PdfService({ chromiumPath });
  let sampler: NodeJS.Timeout | undefined;
  try {
    let started = performance.now();
    const first = await pdf.render({ html, css: null, files: new Map() }, data);
    const cold = performance.now() - started;
    if (!first.ok) throw new Error(`${name}: ${first.kind} ${first.message}`);
    const times: number[] = [];
    let bytes = first.pdf.length;
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      const result = await pdf.render({ html, css: null, files: new Map() }, data);
      times.push(performance.now() - started);
      if (result.ok) bytes = result.pdf.length;
    }
    // Memory is sampled on extra renders only: walking /proc every 50 ms costs CPU the timed renders would pay for.
    sampler = setInterval(() => samplePeak(peak), 50);
    for (let i = 0; i < 2; i++) await pdf.render({ html, css: null, files: new Map() }, data, { png: true });
    samplePeak(peak);
    const rendered = await pdf.sandbox.render(html, { ...data, images: images.map((_, i) => ({ src: `image-${i + 1}.jpg`, index: i + 1 })) });
    return { name, cold, warm: median(times), bytes, weasy: rendered.ok ? weasyprint(rendered.html, images) : "template failed" };
  } finally {
    clearInterval(sampler);
    await pdf.close();
  }
}

const images = await Promise.all([1, 2, 3, 4, 5].map(photo));
console.log(`5 JPEGs 1600×1200: ${images.map((b) => `${Math.round(b.length / 1024)} kB`).join(", ")}; ${runs} warm runs each (median)\n`);
const peak = { kb: 0, chromiumKb: 0 };
const rows = [await bench("simple", SIMPLE, images, peak), await bench("heavy", HEAVY, images, peak)];
const ms = (value: number) => `${Math.round(value)} ms`;
console.log("template | Chromium cold | Chromium warm | PDF size | WeasyPrint warm (cold) | warm ratio");
console.log("---------|---------------|---------------|----------|------------------------|-----------");
for (const row of rows) {
  const weasy = typeof row.weasy === "string" ? row.weasy : `${ms(row.weasy.warm)} (${ms(row.weasy.cold)}), ${(row.weasy.bytes / 1024 / 1024).toFixed(2)} MB`;
  const ratio = typeof row.weasy === "string" ? "—" : `${(row.warm / row.weasy.warm).toFixed(2)}×`;
  console.log(`${row.name} | ${ms(row.cold)} | ${ms(row.warm)} | ${(row.bytes / 1024 / 1024).toFixed(2)} MB | ${weasy} | ${ratio}`);
}
console.log(`\npeak memory (PSS): ${Math.round(peak.kb / 1024)} MB for this process tree (tsx + bench + sandbox + Chromium), of which Chromium ${Math.round(peak.chromiumKb / 1024)} MB`);
console.log("targets: warm ≤ 0.5× WeasyPrint, cold ≤ 2500 ms, peak ≤ 450 MB, 5-image PDF ≤ 2 MB");
