import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PdfService } from "../src/services/pdf/pdf-service.ts";
import { TemplateSandbox } from "../src/services/pdf/template-sandbox.ts";
import type { TemplateBundle } from "../src/domain/template-bundle.ts";

const bundle = (html: string, css: string | null = null): TemplateBundle => ({ html, css, files: new Map() });

describe("template sandbox and Chromium: templates are code, contained", () => {
  const pdf = new PdfService({ chromiumPath: chromiumPath(), timeoutMs: 30_000 });
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  const secretDir = mkdtempSync(join(tmpdir(), "designflow-secret-"));
  const secretFile = join(secretDir, "secret.txt");

  beforeAll(async () => {
    process.env.BOT_TOKEN = "123456:SECRET-token-in-parent-env";
    writeFileSync(secretFile, "TOP-SECRET-MARKER");
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("<h1>NETWORK</h1>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await pdf.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("runs the process.env payload without reaching process or its environment", async () => {
    const result = await pdf.sandbox.probe(`return process.env`);
    expect(result).toMatchObject({ ok: false, kind: "runtime" });
    expect(JSON.stringify(result)).not.toContain("SECRET-token");
    const escape = await pdf.sandbox.probe(`return this.constructor.constructor('return process')().env.BOT_TOKEN`);
    expect(JSON.stringify(escape)).not.toContain("SECRET-token");
    const globals = await pdf.sandbox.probe(
      `return [typeof process, typeof require, typeof fetch, typeof globalThis.process].join()`,
    );
    expect(globals).toEqual({ ok: true, html: "undefined,undefined,undefined,undefined" });
  });

  it("cannot read files or make requests from template code", async () => {
    const read = await pdf.sandbox.probe(
      `try { return import('node:fs').then(fs => fs.readFileSync('${secretFile}', 'utf8')) } catch (e) { return 'no import' }`,
    );
    expect(JSON.stringify(read)).not.toContain("TOP-SECRET");
    const request = await pdf.sandbox.probe(
      `try { fetch('${origin}/from-template'); return 'sent' } catch (e) { return 'blocked' }`,
    );
    expect(request).toEqual({ ok: true, html: "blocked" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
  });

  it("stops a template that never finishes", async () => {
    const sandbox = new TemplateSandbox({ timeoutMs: 2500 });
    const started = Date.now();
    const endless = await sandbox.render(
      `{% for i in range(0, 2000) %}{% for j in range(0, 1000000) %}{% endfor %}{% endfor %}`,
      {},
    );
    expect(endless).toMatchObject({ ok: false, kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(5000);
    const huge = await sandbox.render(`{% for i in range(0, 100000000) %}x{% endfor %}`, {});
    expect(huge.ok).toBe(false);
    sandbox.close();
  });

  it("the reused sandbox child gives each template a clean QuickJS runtime, and an endless promise chain never runs", async () => {
    const sandbox = new TemplateSandbox({ timeoutMs: 2500 });
    await sandbox.probe(
      `globalThis.leak = 'x'; Object.prototype.polluted = 'yes'; Array.prototype.join = () => 'hijacked'`,
    );
    const next = await sandbox.probe(
      `return [typeof globalThis.leak, typeof ({}).polluted, [1, 2].join('-')].join(',')`,
    );
    expect(next).toEqual({ ok: true, html: "undefined,undefined,1-2" });
    const started = Date.now();
    // QuickJS runs a context's promise jobs only when asked, and the sandbox never asks: the chain never starts.
    const spinning = await sandbox.probe(`const spin = () => Promise.resolve().then(spin); spin(); return 'queued'`);
    expect(spinning).toEqual({ ok: true, html: "queued" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await sandbox.render(`<p>{{ name }}</p>`, { name: "after" })).toEqual({
      ok: true,
      html: "<p>after</p>",
      elements: 1,
    });
    sandbox.close();
  });

  it("counts a template's elements in the sandbox child: past the limit no HTML reaches the bot", async () => {
    const sandbox = new TemplateSandbox({ timeoutMs: 10_000 });
    const many = `{% for i in range(n) %}<i></i>{% endfor %}`;
    expect(await sandbox.render(many, { n: 20_000 })).toMatchObject({ ok: true, elements: 20_000 });
    // Just past the limit: 300 000 (the reliability case) takes seconds of QuickJS, too slow for a loaded CI machine.
    expect(await sandbox.render(many, { n: 25_000 })).toEqual({ ok: false, kind: "too-complex", message: "25000" });
    sandbox.close();
  });

  it("the Jinja2 layer gives templates no way to JavaScript: constructors and prototypes are not there", async () => {
    const gadgets = [
      "{{ range.constructor }}",
      "{{ cycler.constructor.constructor }}",
      '{{ "".constructor }}',
      "{{ [].constructor }}",
      "{{ {}.constructor }} {{ {}.__proto__ }} {{ {}.toString }} {{ {}.hasOwnProperty }}",
      "{{ images.0.constructor }} {{ images.0.__proto__ }}",
      "{{ namespace().constructor }} {{ joiner().constructor }} {{ lipsum.call }} {{ dict.apply }}",
      "{{ project_name.length }} {{ images.length }} {{ project_name.toUpperCase }}",
      "{{ constructor }} {{ toString }} {{ __proto__ }} {{ hasOwnProperty }}",
      '{{ "{0.constructor}".format(range) }}{{ "{0.__proto__}".format({}) }}',
      "{% for i in images %}{{ loop.cycle.constructor }}{{ loop.changed.constructor }}{% endfor %}",
      "{% set ns = namespace() %}{% set ns.__proto__ = range %}{{ ns.constructor }}",
      '{% set d = {"__proto__": {"a": 1} } %}{{ d.a }}{{ dict(__proto__=range).constructor }}',
    ];
    const data = { project_name: "x", images: [{ src: "a.png", width: 1, height: 1, index: 1 }] };
    for (const template of gadgets) {
      const printed = await pdf.sandbox.render(template, data);
      expect(printed, template).toMatchObject({ ok: true });
      if (printed.ok) expect(printed.html.trim(), template).toMatch(/^[\s]*$/);
    }
    for (const call of [
      '{{ range.constructor("return 7 * 6")() }}',
      '{{ "x" | map("constructor") | list }}',
      '{{ [1] | select("constructor") | list }}',
      "{{ 1 is constructor }}",
      '{{ cycler.constructor.constructor("return 7 * 6")() }}',
      '{{ "%(constructor)s" % {} }}',
      '{{ x | map("constructor") | list }}{{ [1] | sort(attribute="constructor") | first }}',
    ]) {
      const outcome = await pdf.sandbox.render(call, data);
      expect(JSON.stringify(outcome), call).not.toContain("42");
      expect(outcome, call).toMatchObject({ ok: false, kind: "runtime" });
    }
  });

  it("gives syntax errors with line and column", async () => {
    const checked = await pdf.check("<p>\n  ok\n  {{ name( }}");
    expect(checked).toMatchObject({ ok: false, kind: "syntax", line: 3, column: 12 });
  });

  it("Chromium: no JavaScript, no file:// reads, no network requests", async () => {
    const plain = `<html><head><style>@page{size:400px 300px;margin:0} body{margin:0;background:#fff}</style></head><body><p>card</p>`;
    const clean = await pdf.render(
      bundle(`${plain}<iframe src="file:///nonexistent/nothing.txt"></iframe></body></html>`),
      {},
      { preview: "png" },
    );
    const hostile = await pdf.render(
      bundle(
        `${plain}<iframe src="file://${secretFile}"></iframe><img src="${origin}/img.png"><iframe src="${origin}/frame"></iframe>` +
          `<link rel="stylesheet" href="${origin}/x.css"><script>document.body.style.background = "red"</script></body></html>`,
      ),
      {},
      { preview: "png" },
    );
    expect(clean.ok && hostile.ok).toBe(true);
    if (!clean.ok || !hostile.ok) return;
    expect(hostile.blocked.some((url) => url.startsWith(origin))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
    // The broken <img> draws an icon, so compare against the same page with only the file iframe: no red, no secret.
    const fileOnly = await pdf.render(
      bundle(
        `${plain}<iframe src="file://${secretFile}"></iframe><script>document.body.style.background = "red"</script></body></html>`,
      ),
      {},
      { preview: "png" },
    );
    expect(fileOnly.ok && fileOnly.preview!.equals(clean.preview!)).toBe(true);
  });

  it("a repeated SVG background, drawn outside Chromium as PNG tiles, cannot pull in local files or the network", async () => {
    const redPng = join(secretDir, "red.png");
    writeFileSync(
      redPng,
      await sharp({ create: { width: 20, height: 20, channels: 3, background: "red" } })
        .png()
        .toBuffer(),
    );
    const tile = `<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='20' height='20'><rect width='20' height='20' fill='white'/><image href='file://${redPng}' width='20' height='20'/><image xlink:href='${redPng}' width='20' height='20'/><image href='${origin}/tile.png' width='20' height='20'/></svg>`;
    const html = `<!doctype html><style>@page{size:200px 200px;margin:0} body{margin:0} div{height:200px;opacity:.9;transform:rotate(5deg);background:url("data:image/svg+xml;utf8,${encodeURIComponent(tile)}") 0 0/20px 20px}</style><div></div>`;
    const result = await pdf.render(bundle(html), {}, { preview: "png" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [r, g, b] = (await sharp(result.preview!).stats()).channels.map((channel) => channel.mean);
    expect(Math.min(r, g, b)).toBeGreaterThan(240);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
  });

  it("uses the template's @page size, else A4; multi-page works", async () => {
    const sized = await pdf.render(bundle(`<p>x</p>`, `@page { size: 800px 600px; margin: 0 }`), {});
    expect(sized.ok && [Math.round(sized.pageSize.widthPx), Math.round(sized.pageSize.heightPx)]).toEqual([800, 600]);
    const a4 = await pdf.render(bundle(`<p style="page-break-after: always">1</p><p>2</p>`), {});
    expect(
      a4.ok && [Math.round(a4.pageSize.widthPx / 4), Math.round(a4.pageSize.heightPx / 4), a4.pageSize.pages],
    ).toEqual([199, 281, 2]);
  });
});
