import { PdfService } from "../../src/services/pdf/pdf-service.ts";
import { builtinTemplate } from "../../src/services/pdf/builtin-template.ts";
import { SIMPLE, HEAVY, photo, renewed } from "../../scripts/bench-pdf-cards.ts";
const which = process.env.CARD ?? "builtin";
const bundle = which === "builtin" ? builtinTemplate() : { html: which === "simple" ? SIMPLE : HEAVY, css: null, files: new Map() };
const pdf = new PdfService({ chromiumPath: "/usr/bin/chromium-headless-shell" });
const images = await Promise.all([1, 2, 3, 4, 5].map(photo));
const data = (imgs: Buffer[], text: string) => ({
  project_name: "Лампа «Сфера»", project_description: text, card_text: text, social_text: text,
  current_date: "25.11.2026", images: imgs.map((bytes) => ({ bytes, extension: "jpg" })),
});
const png = process.env.PNG !== "0";
const fresh = process.env.FRESH === "1";
await pdf.render(bundle, data(images, "x"), { png });
const phases: Record<string, number[]> = {}; const totals: number[] = [];
for (let i = 0; i < Number(process.env.RUNS ?? 12); i++) {
  await new Promise((r) => setTimeout(r, 200));
  const t = performance.now();
  const r = await pdf.render(bundle, data(fresh ? images.map(renewed) : images, "Настольная лампа " + i), { png, onPhase: (p, ms) => (phases[p] ??= []).push(ms) });
  totals.push(performance.now() - t);
  if (!r.ok) throw new Error(r.message);
  if (i === 0) console.log("pdf bytes", r.pdf.length, "png bytes", r.png?.length);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(which, "total", med(totals).toFixed(0), Object.entries(phases).map(([p, v]) => `${p} ${med(v).toFixed(0)}`).join(" · "));
await pdf.close?.();
process.exit(0);
