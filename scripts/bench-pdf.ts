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
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";
import { HEAVY, photo, SIMPLE } from "./bench-pdf-cards.ts";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const chromiumPath = process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";

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
