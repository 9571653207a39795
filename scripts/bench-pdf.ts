/**
 * PDF render benchmark: cold and warm renders of a simple and a heavy card with
 * 5 JPEGs (1600×1200) — warm with the same photos (fitted copies cached, as for
 * the generator's preview and final PDF) and with new ones — alternating with the
 * same HTML through WeasyPrint when it is installed; per-phase medians, PDF size
 * and peak memory (PSS of this process tree, Chromium included).
 *   npm run bench:pdf [-- --runs 5]
 */
import { chromiumPath as defaultChromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";
import { HEAVY, HEAVY_AS_WEASYPRINT_DRAWS, photo, renewed, SIMPLE } from "./bench-pdf-cards.ts";
import { treePss } from "./bench-memory.ts";
import { WeasyPrint } from "./bench-weasyprint.ts";
import { type Miss, PDF_TARGETS, reportTargets } from "./bench-targets.ts";
import { asTheDynoRunsNode } from "./bench-as-dyno.ts";

// The renderer runs in the bot's process: timed under the node flags and environment the Procfile gives it.
const dyno = asTheDynoRunsNode(import.meta.filename);
if (dyno.rerun) process.exit(await dyno.rerun);

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const chromiumPath = defaultChromiumPath();

/**
 * Cards are timed 150 ms apart: after each card the page moves to a new empty document (~15 ms) while
 * nobody waits, as in the bot, where cards are seconds apart. Back to back, a card would wait for that.
 */
const GAP_MS = 150;
const pause = () => new Promise((resolve) => setTimeout(resolve, GAP_MS));
/**
 * As the bot renders every card (card-jobs.ts: the rehearsal and the card on show): kept on the page, so the next
 * card of the same template changes its words and swaps its photos in place when they have the same sizes.
 */
const AS_THE_BOT = { keep: true } as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
  name: string;
  cold: number;
  same: number;
  fresh: number;
  weasy: number | undefined;
  bytes: number;
  phases: Record<string, number>;
  freshPhases: Record<string, number>;
}

const data = (images: Buffer[]): CardData => ({
  project_name: "Лампа «Сфера»",
  project_description:
    "Настольная лампа из переработанного алюминия и дуба. Плавная форма абажура рассеивает свет без бликов; корпус собирается без клея.",
  current_date: "25.11.2026",
  images: images.map((bytes) => ({ bytes, extension: "jpg" })),
});

/**
 * Cold render, then `runs` rounds of: Chromium with the same photos, Chromium with new photos, WeasyPrint —
 * alternating, so load on a shared machine hits all three alike.
 */
async function bench(
  name: string,
  html: string,
  images: Buffer[],
  weasy: WeasyPrint | string,
  peak: { kb: number; chromiumKb: number },
): Promise<Row> {
  const pdf = new PdfService({ chromiumPath });
  const bundle = { html, css: null, files: new Map<string, Uint8Array>() };
  const same: number[] = [];
  const fresh: number[] = [];
  const weasyTimes: number[] = [];
  const phases: Record<string, number[]> = {};
  const freshPhases: Record<string, number[]> = {};
  let sampler: NodeJS.Timeout | undefined;
  try {
    let started = performance.now();
    const first = await pdf.render(bundle, data(images), AS_THE_BOT);
    const cold = performance.now() - started;
    if (!first.ok) throw new Error(`${name}: ${first.kind} ${first.message}`);
    let bytes = first.pdf.length;
    for (let i = 0; i < runs; i++) {
      await pause();
      started = performance.now();
      const result = await pdf.render(bundle, data(images), {
        ...AS_THE_BOT,
        onPhase: (phase, ms) => (phases[phase] ??= []).push(ms),
      });
      same.push(performance.now() - started);
      if (result.ok) bytes = result.pdf.length;
      const photos = images.map(renewed);
      await pause();
      started = performance.now();
      await pdf.render(bundle, data(photos), {
        ...AS_THE_BOT,
        onPhase: (phase, ms) => (freshPhases[phase] ??= []).push(ms),
      });
      fresh.push(performance.now() - started);
      if (typeof weasy !== "string") weasyTimes.push((await weasy.render(name)).ms);
    }
    // Memory is sampled on extra renders only (new photos, PDF + PNG as the bot does): walking /proc every 50 ms costs
    // CPU the timed renders would pay for.
    const exclude = new Set(typeof weasy === "string" ? [] : [weasy.pid]);
    sampler = setInterval(() => samplePeak(peak, exclude), 50);
    for (let i = 0; i < 2; i++) await pdf.render(bundle, data(images.map(renewed)), { ...AS_THE_BOT, preview: "jpeg" });
    samplePeak(peak, exclude);
    const medians = (all: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(all).map(([phase, values]) => [phase, median(values)]));
    return {
      name,
      cold,
      same: median(same),
      fresh: median(fresh),
      weasy: weasyTimes.length ? median(weasyTimes) : undefined,
      bytes,
      phases: medians(phases),
      freshPhases: medians(freshPhases),
    };
  } finally {
    clearInterval(sampler);
    await pdf.close();
  }
}

const samplePeak = (peak: { kb: number; chromiumKb: number }, exclude: Set<number>) => {
  const now = treePss(process.pid, exclude);
  peak.kb = Math.max(peak.kb, now.total);
  peak.chromiumKb = Math.max(peak.chromiumKb, now.chromium);
};

const images = await Promise.all([1, 2, 3, 4, 5].map(photo));
console.log(
  `5 JPEGs 1600×1200: ${images.map((b) => `${Math.round(b.length / 1024)} kB`).join(", ")}; ${runs} warm runs each (median), Chromium and WeasyPrint alternating, Chromium cards ${GAP_MS} ms apart; node as the Procfile's worker: ${dyno.described}`,
);
// WeasyPrint gets the same HTML the sandbox makes, with the photos as files beside it.
const sandbox = new PdfService({ chromiumPath }).sandbox;
const cards: Record<string, string> = {};
for (const [name, html] of [
  ["simple", SIMPLE],
  ["heavy", HEAVY],
  ["heavy, only what WeasyPrint draws", HEAVY_AS_WEASYPRINT_DRAWS],
]) {
  const rendered = await sandbox.render(html, {
    ...data(images),
    images: images.map((_, i) => ({ src: `image-${i + 1}.jpg`, index: i + 1 })),
  });
  if (!rendered.ok) throw new Error(`${name}: template failed`);
  cards[name] = rendered.html;
}
sandbox.close();
const weasy = await WeasyPrint.start(cards, images);
const peak = { kb: 0, chromiumKb: 0 };
const rows: Row[] = [];
try {
  for (const [name, html] of [
    ["simple", SIMPLE],
    ["heavy", HEAVY],
    ["heavy, only what WeasyPrint draws", HEAVY_AS_WEASYPRINT_DRAWS],
  ])
    rows.push(await bench(name, html, images, weasy, peak));
} finally {
  if (typeof weasy !== "string") weasy.close();
}
const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (value: number, weasyMs: number | undefined) => (weasyMs ? `${(value / weasyMs).toFixed(2)}×` : "—");
console.log(
  `\nWeasyPrint: ${typeof weasy === "string" ? weasy : `cold ${ms(weasy.coldMs)} (Python start, import, first card)`}\n`,
);
console.log(
  "template | Chromium cold | warm, same photos | warm, new photos | WeasyPrint warm | ratio same / new | PDF size",
);
console.log(
  "---------|---------------|-------------------|------------------|-----------------|------------------|---------",
);
for (const row of rows) {
  const weasyCell = row.weasy === undefined ? "—" : ms(row.weasy);
  console.log(
    `${row.name} | ${ms(row.cold)} | ${ms(row.same)} | ${ms(row.fresh)} | ${weasyCell} | ${ratio(row.same, row.weasy)} / ${ratio(row.fresh, row.weasy)} | ${(row.bytes / 1024 / 1024).toFixed(2)} MB`,
  );
}
for (const [title, key] of [
  ["same photos", "phases"],
  ["new photos", "freshPhases"],
] as const) {
  console.log(`\nphases of a warm render, ${title} (median ms):`);
  for (const row of rows)
    console.log(
      `  ${row.name}: ${Object.entries(row[key])
        .map(([phase, value]) => `${phase} ${value.toFixed(0)}`)
        .join(" · ")}`,
    );
}
console.log(
  `\npeak memory (PSS): ${Math.round(peak.kb / 1024)} MB for this process tree (tsx + bench + sandbox + Chromium; WeasyPrint left out), of which Chromium ${Math.round(peak.chromiumKb / 1024)} MB`,
);
console.log(
  `targets: warm with new photos ≤ ${PDF_TARGETS.newPhotosRatio}× WeasyPrint, cold ≤ ${PDF_TARGETS.coldMs} ms, ` +
    `5-image PDF ≤ 2 MB; peak ≤ ${PDF_TARGETS.peakMb} MB is bot + Chromium (bench-generator)`,
);
const misses: Miss[] = [];
for (const row of rows) {
  if (row.weasy === undefined)
    misses.push({ figure: `${row.name}, new photos`, measured: "no WeasyPrint to compare with", target: "installed" });
  else if (row.fresh / row.weasy > PDF_TARGETS.newPhotosRatio)
    misses.push({
      figure: `${row.name}, warm with new photos`,
      measured: ratio(row.fresh, row.weasy),
      target: `≤ ${PDF_TARGETS.newPhotosRatio}×`,
    });
  if (row.cold > PDF_TARGETS.coldMs)
    misses.push({ figure: `${row.name}, cold`, measured: ms(row.cold), target: `≤ ${PDF_TARGETS.coldMs} ms` });
  if (row.bytes > PDF_TARGETS.pdfBytes)
    misses.push({ figure: `${row.name}, PDF size`, measured: `${row.bytes} bytes`, target: "≤ 2 MB" });
}
reportTargets(misses, "every card's new-photos ratio, cold start and PDF size");
