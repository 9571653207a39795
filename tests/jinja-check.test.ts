import { afterAll, describe, expect, it } from "vitest";
import { TemplateSandbox } from "../src/services/pdf/template-sandbox.ts";
import { builtinTemplate } from "../src/services/pdf/builtin-template.ts";
import { cardData } from "../src/usecases/card.ts";
import { corpusTemplates } from "./support/jinja-oracle.ts";

describe("upload check: constructs that would not print what Jinja2 prints, with line and column", () => {
  const sandbox = new TemplateSandbox();
  afterAll(() => sandbox.close());

  it("names each one where it is", async () => {
    const template = [
      "<p>{{ text | wordwrap(20) }}</p>",
      "<p>{{ data | dump }} {{ name.toUpperCase() }}</p>",
      "{% switch status %}{% case 'idea' %}i{% endswitch %}",
      "{% include 'header.html' %}{{ 1 === 1 }}",
      "{% macro tags() %}{{ varargs }}{% endmacro %}{{ lipsum() }}",
      "{{ x is frobnicated }}{{ x | frob }}{{ url | urlize }}",
    ].join("\n");
    const checked = await sandbox.check(template);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const found = checked.differences.map((d) => `${d.line}:${d.code}:${d.construct}`);
    expect(found.sort()).toEqual(
      [
        "1:approximate:|wordwrap",
        "2:nunjucks-only:|dump",
        "2:unknown-method:.toUpperCase()",
        "3:nunjucks-only:switch",
        "4:no-loader:include",
        "4:nunjucks-only:===",
        "5:unsupported:varargs",
        "5:approximate:lipsum()",
        "6:unknown-test:is frobnicated",
        "6:unknown-filter:|frob",
        "6:approximate:|urlize",
      ].sort(),
    );
    const wordwrap = checked.differences.find((d) => d.construct === "|wordwrap")!;
    expect(wordwrap.column).toBeGreaterThan(4);
    expect(wordwrap.column).toBeLessThan(20);
  });

  it("has nothing to say about the corpus' Jinja2 beyond its approximate filters", async () => {
    const approximate = new Set(["|wordwrap", "|urlize", "|pprint", "|random", "lipsum()"]);
    for (const { file, template } of corpusTemplates()) {
      const checked = await sandbox.check(template);
      expect(checked.ok, file).toBe(true);
      if (!checked.ok) continue;
      const remarks = checked.differences.filter((d) => !approximate.has(d.construct)).map((d) => d.construct);
      const expected = { "include-missing.html": ["include"], "macro-varargs.html": ["varargs", "kwargs"] }[file] ?? [];
      expect(remarks.sort(), file).toEqual(expected.sort());
    }
  });
});

describe("project_deadline in the built-in template", () => {
  const sandbox = new TemplateSandbox();
  afterAll(() => sandbox.close());
  const request = (deadlineDay: string | null) => ({
    templateId: 0,
    files: [],
    name: "Стул",
    createdDay: "01.12.2026",
    deadlineDay,
    draft: "",
    texts: { card: "Описание", social: "" },
    dates: { current_date: "07.12.2026", current_date_en: "December 07, 2026" },
  });

  it("prints the deadline when the project has one, and nothing when it has none", async () => {
    const { html } = builtinTemplate();
    const dated = await sandbox.render(html, { ...cardData(request("17.12.2026 18:00"), []) });
    expect(dated.ok && dated.html).toContain("07.12.2026 · due 17.12.2026 18:00</div>");
    const undated = await sandbox.render(html, { ...cardData(request(null), []) });
    expect(undated.ok && undated.html).toContain("07.12.2026</div>");
    expect(undated.ok && undated.html).not.toContain("due");
  });
});
