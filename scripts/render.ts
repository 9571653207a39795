/**
 * Renders a template without Telegram, with the bot's engine and sandbox:
 *   npm run render -- --template card.html|dir|card.zip [--css style.css] [--data data.json]
 *     --out card.pdf [--png page1.png]
 * Images in data.json: "images": ["photo.jpg", …] (paths relative to data.json); without --data the
 * sample data is used.
 */
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PdfService, type CardData } from "../src/services/pdf/pdf-service.ts";
import { bundleFromZip, decodeText } from "../src/services/pdf/template-upload.ts";
import { checkTemplate } from "../src/services/pdf/template-check.ts";
import { sampleCardData } from "../src/services/pdf/sample-data.ts";
import { cardDatesIn } from "../src/bot/owner-time-zone.ts";
import type { TemplateBundle } from "../src/domain/template-bundle.ts";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
  );
}

async function loadBundle(path: string, cssPath?: string): Promise<TemplateBundle> {
  if (statSync(path).isDirectory()) {
    const files = new Map<string, Uint8Array>();
    for (const file of walk(path)) files.set(relative(path, file).split("\\").join("/"), readFileSync(file));
    const htmlPath = files.has("template.html")
      ? "template.html"
      : [...files.keys()].find((name) => /\.html?$/i.test(name) && !name.includes("/"));
    if (!htmlPath) throw new Error(`no template.html in ${path}`);
    const html = decodeText(files.get(htmlPath)!, htmlPath);
    const css = files.has("style.css") ? decodeText(files.get("style.css")!, "style.css") : null;
    files.delete(htmlPath);
    files.delete("style.css");
    return { html, css, files };
  }
  if (extname(path).toLowerCase() === ".zip") return await bundleFromZip(readFileSync(path));
  return {
    html: decodeText(readFileSync(path), path),
    css: cssPath ? decodeText(readFileSync(cssPath), cssPath) : null,
    files: new Map(),
  };
}

function loadData(path?: string): CardData {
  const dates = cardDatesIn(Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now());
  if (!path) return sampleCardData(dates);
  const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const images = ((data.images as string[] | undefined) ?? []).map((image) => {
    const file = resolve(dirname(path), image);
    return { bytes: readFileSync(file), extension: extname(file).slice(1).toLowerCase() || "jpg" };
  });
  return { ...dates, ...data, images };
}

const { values } = parseArgs({
  options: {
    template: { type: "string" },
    css: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    png: { type: "string" },
  },
});
if (!values.template || !values.out || !existsSync(values.template)) {
  console.error(
    "usage: npm run render -- --template <file.html|dir|file.zip> [--css file.css] [--data data.json] --out card.pdf [--png page1.png]",
  );
  process.exit(2);
}
const pdf = new PdfService({ chromiumPath: chromiumPath() });
try {
  const bundle = await loadBundle(values.template, values.css);
  const report = await checkTemplate(pdf, bundle);
  if (report.syntaxError)
    throw new Error(
      `syntax error at line ${report.syntaxError.line ?? "?"}, column ${report.syntaxError.column ?? "?"}: ${report.syntaxError.message}`,
    );
  for (const [label, list] of Object.entries({
    "unknown variables": report.unknownVariables,
    "missing files": report.missingFiles,
    "external (blocked)": report.externalRefs,
    "fonts without Cyrillic": report.cyrillicFallback,
  })) {
    if (list.length) console.warn(`warning: ${label}: ${list.join(", ")}`);
  }
  const started = Date.now();
  const result = await pdf.render(bundle, loadData(values.data), values.png ? { preview: "png" } : {});
  if (!result.ok)
    throw new Error(
      `${result.kind}: ${result.message}${result.line ? ` (line ${result.line}, column ${result.column})` : ""}`,
    );
  writeFileSync(values.out, result.pdf);
  if (values.png && result.preview) writeFileSync(values.png, result.preview);
  console.log(
    `${values.out}: ${result.pageSize.pages} page(s), ${Math.round(result.pageSize.widthPx)}×${Math.round(result.pageSize.heightPx)} px, ${(result.pdf.length / 1024).toFixed(0)} KB, ${Date.now() - started} ms`,
  );
} catch (error) {
  console.error(`render failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await pdf.close();
}
