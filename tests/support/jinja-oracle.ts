import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Debian's Python with Debian's Jinja2 (python3-jinja2): the version .ci/run installs, not a pyenv one. */
export const ORACLE_PYTHON = "/usr/bin/python3";
const ORACLE_SCRIPT = join(import.meta.dirname, "jinja_oracle.py");
export const CORPUS_DIR = join(import.meta.dirname, "..", "fixtures", "jinja");

export type OracleResult = { ok: true; html: string } | { ok: false; error: string };

export interface OracleCase {
  id: string;
  template: string;
  data: Record<string, unknown>;
}

/** Renders every case with real Jinja2 in one Python process. */
export function renderWithJinja2(cases: OracleCase[]): { version: string; results: Record<string, OracleResult> } {
  const output = execFileSync(ORACLE_PYTHON, [ORACLE_SCRIPT], {
    input: JSON.stringify({ cases }),
    maxBuffer: 64 << 20,
  });
  const parsed = JSON.parse(output.toString("utf8")) as { jinja2: string; results: Record<string, OracleResult> };
  return { version: parsed.jinja2, results: parsed.results };
}

/** The bot's built-in card is in the corpus as it ships (templates/default), under this name. */
const BUILTIN = {
  file: "builtin-template.html",
  path: join(import.meta.dirname, "..", "..", "templates", "default", "template.html"),
};

export const corpusTemplates = () => [
  { file: BUILTIN.file, template: readFileSync(BUILTIN.path, "utf8") },
  ...readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".html"))
    .sort()
    .map((file) => ({ file, template: readFileSync(join(CORPUS_DIR, file), "utf8") })),
];

/** Whitespace runs count as one space: Jinja2 and Nunjucks place newlines around tags slightly differently. */
export const normaliseWhitespace = (html: string) => html.replace(/\s+/g, " ").trim();

/** `- \`file.html\` (data set): reason` lines of docs/templates.md's "Differences from Jinja2" section. */
export function documentedDifferences(markdown: string): Map<string, string> {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Differences from Jinja2")) ?? "";
  const listed = new Map<string, string>();
  for (const match of section.matchAll(/^- `([\w.-]+\.html)` \((\w+)\): (.+)$/gm))
    listed.set(`${match[1]} (${match[2]})`, match[3]);
  return listed;
}
