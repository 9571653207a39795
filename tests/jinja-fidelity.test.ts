import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService } from "../src/services/pdf/pdf-service.ts";
import { sampleCardData } from "../src/services/pdf/sample-data.ts";
import { TemplateSandbox } from "../src/services/pdf/template-sandbox.ts";
import {
  CORPUS_DIR,
  corpusTemplates,
  documentedDifferences,
  normaliseWhitespace,
  renderWithJinja2,
  type OracleCase,
} from "./support/jinja-oracle.ts";

const image = (index: number) => ({ src: `__card/image-${index}.jpg`, width: 1200 + index * 100, height: 900, index });

/** Card data as the bot passes it (a user-typed name with markup characters), and a bare idea with nothing. */
const DATA_SETS: Record<string, Record<string, unknown>> = {
  card: {
    project_name: 'Лампа «Сфера» <b>&"x"',
    project_description:
      "Настольная лампа из переработанного алюминия и дуба. Плавная форма абажура рассеивает свет без бликов.\n" +
      "Корпус собирается без клея: три детали на винтах, которые легко разобрать для ремонта.",
    social_text: "Свет, который можно починить. #IndustrialDesign #Innovation #дизайн",
    status: "archived",
    created_at: "01.12.2026",
    owner_notes: "дуб — 40%, алюминий — 60%, <без клея>",
    current_date: "02.12.2026",
    current_date_en: "December 02, 2026",
    images: [1, 2, 3].map(image),
  },
  bare: {
    project_name: "Стул",
    project_description: "",
    status: "idea",
    created_at: "02.12.2026",
    owner_notes: "",
    current_date: "02.12.2026",
    current_date_en: "December 02, 2026",
    images: [],
  },
};

type Outcome = { ok: true; html: string } | { ok: false; error: string };
const sameOutcome = (ours: Outcome, theirs: Outcome) =>
  ours.ok && theirs.ok ? normaliseWhitespace(ours.html) === normaliseWhitespace(theirs.html) : ours.ok === theirs.ok;

describe("Jinja2 fidelity: the corpus printed by our sandbox and by real Jinja2 (autoescape on)", () => {
  const sandbox = new TemplateSandbox();
  afterAll(() => sandbox.close());

  it("prints what Jinja2 prints for ≥ 95 % of the corpus, and every other case is documented", async () => {
    const cases: OracleCase[] = corpusTemplates().flatMap(({ file, template }) =>
      Object.entries(DATA_SETS).map(([set, data]) => ({ id: `${file} (${set})`, template, data })),
    );
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const oracle = renderWithJinja2(cases);
    const documented = documentedDifferences(
      readFileSync(join(import.meta.dirname, "..", "docs", "templates.md"), "utf8"),
    );
    const differing: string[] = [];
    const report: string[] = [];
    for (const item of cases) {
      const rendered = await sandbox.render(item.template, item.data);
      const ours: Outcome = rendered.ok ? rendered : { ok: false, error: `${rendered.kind}: ${rendered.message}` };
      const theirs = oracle.results[item.id];
      if (sameOutcome(ours, theirs)) continue;
      differing.push(item.id);
      if (documented.has(item.id)) continue;
      const show = (outcome: Outcome) => (outcome.ok ? normaliseWhitespace(outcome.html) : `ERROR ${outcome.error}`);
      report.push(`${item.id}\n  jinja2: ${show(theirs)}\n  ours:   ${show(ours)}`);
    }
    expect(report.join("\n\n"), "undocumented differences from Jinja2").toBe("");
    const stale = [...documented.keys()].filter((id) => !differing.includes(id));
    expect(stale, "documented differences that no longer differ (or name no corpus case)").toEqual([]);
    const identical = (cases.length - differing.length) / cases.length;
    console.log(
      `jinja fidelity: ${cases.length - differing.length}/${cases.length} identical to Jinja2 ${oracle.version}`,
    );
    expect(identical).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it("prints the original's demo template and WeasyprintReady exports as the card Jinja2's HTML makes", async () => {
    const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
    try {
      const card = sampleCardData({ current_date: "02.12.2026", current_date_en: "December 02, 2026" });
      const images = card.images!.map((picture, i) => ({
        src: `__card/image-${i + 1}.svg`,
        width: 1200,
        height: 900,
        index: i + 1,
      }));
      for (const file of ["original-demo.html", "weasyprint-page.html", "plugin-frame.html"]) {
        const template = readFileSync(join(CORPUS_DIR, file), "utf8");
        const { results } = renderWithJinja2([{ id: file, template, data: { ...card, images } }]);
        const theirs = results[file];
        expect(theirs.ok, file).toBe(true);
        if (!theirs.ok) continue;
        const ours = await pdf.render({ html: template, css: null, files: new Map() }, card, { preview: "png" });
        const jinjaCard = { html: `{% raw %}${theirs.html}{% endraw %}`, css: null, files: new Map() };
        const printed = await pdf.render(jinjaCard, { images: card.images }, { preview: "png" });
        expect(ours.ok && printed.ok, file).toBe(true);
        if (!ours.ok || !printed.ok) continue;
        expect(ours.pdf.subarray(0, 5).toString(), file).toBe("%PDF-");
        expect(ours.pageSize, file).toEqual(printed.pageSize);
        expect(
          ours.preview!.equals(printed.preview!),
          `${file}: page 1 as our sandbox prints it vs as Jinja2 does`,
        ).toBe(true);
      }
    } finally {
      await pdf.close();
    }
  }, 120_000);
});
