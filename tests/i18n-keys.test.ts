import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : files(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const textFiles = files(join(SRC, "bot")).filter((path) => path.endsWith("texts.ts"));
const codeFiles = files(SRC).filter((path) => !path.endsWith("texts.ts"));

/** The message ids of one locale's Fluent text in a texts.ts (`key = …` at the start of a line). */
function keysOf(locale: "ru" | "en"): Map<string, string> {
  const keys = new Map<string, string>();
  for (const path of textFiles) {
    const text = readFileSync(path, "utf8");
    const block = new RegExp(`\\b${locale}: \`([\\s\\S]*?)\``).exec(text)?.[1] ?? "";
    for (const match of block.matchAll(/^([a-z][a-z0-9_-]*) =/gm)) keys.set(match[1], path);
  }
  return keys;
}

const code = codeFiles.map((path) => readFileSync(path, "utf8")).join("\n");
/** Every string literal in the code (a key may travel in a variable or a result before `t` reads it). */
const literals = new Set([...code.matchAll(/"([a-z][a-z0-9-]*)"/g)].map((m) => m[1]));
/** Keys read with `t(…)` by a literal name. */
const readByName = new Set([...code.matchAll(/\bt\(\s*"([a-z][a-z0-9-]*)"/g)].map((m) => m[1]));
/** The fixed start of keys built at run time: `t(\`ai-fault-${service}-${fault}\`)` → "ai-fault-". */
const builtPrefixes = [...code.matchAll(/`([a-z][a-z0-9-]*-)\$\{/g)].map((m) => m[1]);
/** The fixed end of keys built at run time: `\`${prefix}-too-long\`` → "-too-long". */
const builtSuffixes = [...code.matchAll(/\}(-[a-z][a-z0-9-]*)`/g)].map((m) => m[1]);

/** Each feature's keys start with its prefix, so a key says where its text lives. */
const FEATURE_PREFIX: Record<string, string> = {
  ai: "ai",
  attach: "attach",
  common: "common",
  export: "export",
  find: "find",
  generator: "gen",
  menu: "menu",
  "notion-pull": "np",
  projects: "project",
  reminders: "reminder",
  settings: "settings",
  sync: "sync",
  templates: "tpl",
};

describe("the texts: every key in both languages, every key read somewhere", () => {
  const ru = keysOf("ru");
  const en = keysOf("en");

  it("finds the texts", () => {
    expect(textFiles.length).toBeGreaterThan(10);
    expect(ru.size).toBeGreaterThan(300);
  });

  it("prefixes every key with its feature's name", () => {
    const misplaced = [...ru.entries()].filter(([key, path]) => {
      const feature = /features\/([^/]+)\/texts\.ts$/.exec(path)?.[1] ?? "";
      return !key.startsWith(`${FEATURE_PREFIX[feature] ?? "?"}-`);
    });
    expect(misplaced.map(([key, path]) => `${path.split("/features/")[1]}: ${key}`)).toEqual([]);
  });

  it("has the same keys in Russian and English", () => {
    expect([...ru.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !ru.has(key))).toEqual([]);
  });

  it("has every key the code reads by name", () => {
    expect([...readByName].filter((key) => !ru.has(key)).sort()).toEqual([]);
  });

  it("has no key nothing reads (by name, through a variable, or by a built name)", () => {
    const unused = [...ru.keys()].filter(
      (key) =>
        !literals.has(key) &&
        !builtPrefixes.some((prefix) => key.startsWith(prefix)) &&
        !builtSuffixes.some((suffix) => key.endsWith(suffix)),
    );
    expect(unused.sort()).toEqual([]);
  });
});
