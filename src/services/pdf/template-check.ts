import type { PdfRenderer } from "./lazy-pdf-service.ts";
import { fontHasCyrillic } from "./font-coverage.ts";
import { safeDecode } from "./request-filter.ts";
import type { JinjaDifference } from "./template-sandbox.ts";
import type { TemplateBundle } from "../../domain/template-bundle.ts";

export interface TemplateReport {
  syntaxError?: { message: string; line?: number; column?: number };
  unknownVariables: string[];
  unusedVariables: string[];
  missingFiles: string[];
  externalRefs: string[];
  /** Font families whose text would fall back to another font for Cyrillic (no glyphs, or the file is missing). */
  cyrillicFallback: string[];
  /** Constructs that would print differently from Jinja2 (or only work here), with their positions. */
  jinjaDifferences: JinjaDifference[];
}

const IGNORED_UNUSED = new Set([
  "social_text",
  "status",
  "created_at",
  "owner_notes",
  "current_date",
  "current_date_en",
  "project_deadline",
]);

/** Everything the owner should know about a template before saving it. */
export async function checkTemplate(pdf: PdfRenderer, bundle: TemplateBundle): Promise<TemplateReport> {
  const report: TemplateReport = {
    unknownVariables: [],
    unusedVariables: [],
    missingFiles: [],
    externalRefs: [],
    cyrillicFallback: [],
    jinjaDifferences: [],
  };
  const parsed = await pdf.check(bundle.html);
  if (!parsed.ok) {
    report.syntaxError = {
      message: parsed.message,
      line: "line" in parsed ? parsed.line : undefined,
      column: "column" in parsed ? parsed.column : undefined,
    };
  } else {
    // Loaded only now (and already loaded by pdf.check): the module pulls in Chromium's driver.
    const { PROVIDED_VARIABLES } = await import("./pdf-service.ts");
    const provided = new Set<string>(PROVIDED_VARIABLES);
    report.unknownVariables = parsed.variables.filter((name) => !provided.has(name)).sort();
    report.unusedVariables = PROVIDED_VARIABLES.filter(
      (name) => !parsed.variables.includes(name) && !IGNORED_UNUSED.has(name),
    );
    report.jinjaDifferences = parsed.differences;
  }
  const { missing, external } = unresolvedReferences(bundle);
  report.missingFiles = missing;
  report.externalRefs = external;
  report.cyrillicFallback = cyrillicFallbacks(bundle);
  return report;
}

export const reportHasWarnings = (report: TemplateReport) =>
  report.unknownVariables.length +
    report.missingFiles.length +
    report.externalRefs.length +
    report.cyrillicFallback.length +
    report.jinjaDifferences.length >
  0;

function references(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) found.push(match[1]);
  for (const match of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) found.push(match[1]);
  return found
    .map((ref) => ref.trim())
    .filter((ref) => ref && !ref.includes("{{") && !ref.includes("{%") && !/^(data:|#|mailto:|about:)/i.test(ref));
}

function unresolvedReferences(bundle: TemplateBundle): { missing: string[]; external: string[] } {
  const missing = new Set<string>();
  const external = new Set<string>();
  for (const ref of references(`${bundle.html}\n${bundle.css ?? ""}`)) {
    if (/^[a-z][\w+.-]*:/i.test(ref) || ref.startsWith("//")) {
      external.add(ref.slice(0, 100));
      continue;
    }
    const path = safeDecode(ref.replace(/[?#].*$/, ""))
      .replace(/^\.\//, "")
      .replace(/^\//, "");
    if (path === "style.css" && bundle.css !== null) continue;
    if (!bundle.files.has(path)) missing.add(path);
  }
  return { missing: [...missing].sort(), external: [...external].sort() };
}

function cyrillicFallbacks(bundle: TemplateBundle): string[] {
  const css = `${bundle.css ?? ""}\n${[...bundle.html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join("\n")}`;
  const families = new Set<string>();
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/gi)) {
    const family = block[1].match(/font-family\s*:\s*["']?([^;"']+)["']?/i)?.[1]?.trim();
    if (!family) continue;
    const sources = [...block[1].matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)].map((m) => m[1].replace(/^\.\//, ""));
    const files = sources
      .map((source) => bundle.files.get(source))
      .filter((bytes): bytes is Uint8Array => bytes !== undefined);
    if (files.length === 0 || !files.some((bytes) => fontHasCyrillic(bytes) !== false)) families.add(family);
  }
  return [...families].sort();
}
