import { afterAll, describe, expect, it } from "vitest";
import { TemplateSandbox } from "../src/services/pdf/template-sandbox.ts";

/**
 * The sandbox child keeps each template's compiled code by its text (sandbox-program.ts): later renders of the same
 * template evaluate it in a fresh QuickJS runtime instead of compiling again. These prove a kept template prints
 * exactly what a sandbox that never saw it prints, with other data, beside other templates, and fails the same way.
 */
const CARD = `<h1>{{ project_name | upper }} {{ project_description | length }}</h1>
{% for image in images %}<img src="{{ image.src }}">{% endfor %}
{% if project_name == "boom" %}{{ nope() }}{% endif %}<p>{{ project_description }}</p>`;
const OTHER = `<h2>{{ project_description | length }} {{ project_name[::-1] }}</h2>`;

const data = (name: string, description: string, images = 2) => ({
  project_name: name,
  project_description: description,
  images: Array.from({ length: images }, (_, i) => ({ src: `image-${i + 1}.jpg`, index: i + 1 })),
});

describe("a template's compiled code kept in the sandbox child", () => {
  const kept = new TemplateSandbox({ timeoutMs: 20_000 });
  afterAll(() => kept.close());

  /** The same render in a sandbox child of its own, which has compiled nothing before. */
  const fresh = async (template: string, values: Record<string, unknown>) => {
    const own = new TemplateSandbox({ timeoutMs: 20_000 });
    try {
      return await own.render(template, values);
    } finally {
      own.close();
    }
  };

  it("prints what a fresh child prints: other data, another template in between, the first again", async () => {
    const renders = [
      [CARD, data("Лампа", "Первая", 1)],
      [OTHER, data("Стул", "Вторая")],
      [CARD, data("Кресло", "Третья", 3)],
      [OTHER, data("Стол", "Четвёртая, длиннее")],
      [CARD, data("Полка", "Пятая", 0)],
    ] as const;
    for (const [template, values] of renders) {
      const outcome = await kept.render(template, values);
      expect(outcome.ok && outcome.html).toContain(String(values.project_description.length));
      expect(outcome).toEqual(await fresh(template, values));
    }
  });

  it("reports a runtime error of a kept template with the line and column a fresh child reports", async () => {
    expect(await kept.render(CARD, data("ok", "first"))).toMatchObject({ ok: true });
    const failed = await kept.render(CARD, data("boom", "second"));
    expect(failed).toMatchObject({ ok: false, kind: "runtime", line: expect.any(Number) });
    expect(failed).toEqual(await fresh(CARD, data("boom", "second")));
  });
});
