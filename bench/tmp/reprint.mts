import { PdfService } from "../../src/services/pdf/pdf-service.ts";
import { builtinTemplate } from "../../src/services/pdf/builtin-template.ts";
import { photo, renewed } from "../../scripts/bench-pdf-cards.ts";
const bundle = builtinTemplate();
const pdf = new PdfService({ chromiumPath: "/usr/bin/chromium-headless-shell" });
const images = await Promise.all([1, 2, 3, 4, 5].map(photo));
const data = (imgs: Buffer[], text: string) => ({
  project_name: "Лампа «Сфера»", project_description: text, card_text: text, social_text: text,
  current_date: "25.11.2026", images: imgs.map((bytes) => ({ bytes, extension: "jpg" })),
});
const keep = process.env.KEEP !== "0";
const phases: Record<string, number[]> = {}; const totals: number[] = [];
for (let i = 0; i < Number(process.env.RUNS ?? 8); i++) {
  const fresh = images.map(renewed);
  await pdf.render(bundle, data(fresh, "Корпус из переработанного алюминия."), { png: process.env.REHEARSE_PNG === "1", keep });
  await new Promise((r) => setTimeout(r, 800));
  const t = performance.now();
  const r = await pdf.render(bundle, data(fresh, "Sphere lamp " + i + "\nRecycled aluminium and oak."), { png: true, onPhase: (p, ms) => (phases[p] ??= []).push(ms) });
  totals.push(performance.now() - t);
  if (!r.ok) throw new Error(r.message);
  if (i === 0) { console.log("pdf bytes", r.pdf.length, "png bytes", r.png?.length); (await import("node:fs")).writeFileSync(`/tmp/reprint-${keep}.png`, r.png!); }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log("keep", keep, "total", med(totals).toFixed(0), Object.entries(phases).map(([p, v]) => `${p} ${med(v).toFixed(0)}`).join(" · "));
process.exit(0);
