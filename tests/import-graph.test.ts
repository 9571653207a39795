import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

/**
 * What each layer may import (docs/DEVELOPING.md → Layers). config and logger are leaves anyone but the domain
 * may use; app.ts and main.ts wire everything. Type-only imports count: a cycle of types is still a knot.
 */
const MAY_IMPORT: Record<string, string[]> = {
  domain: ["domain"],
  db: ["domain", "db", "generated", "logger"],
  services: ["domain", "services", "config", "logger"],
  usecases: ["domain", "db", "services", "usecases", "config", "logger"],
  jobs: ["domain", "db", "services", "usecases", "jobs", "config", "logger"],
  bot: ["domain", "db", "services", "usecases", "jobs", "bot", "config", "logger"],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import and re-export of a file (value or type), resolved to a path under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/g)].map((match) =>
    resolve(dirname(file), match[1]),
  );
}

const layerOf = (path: string) => relative(SRC, path).split("/")[0].replace(/\.ts$/, "");
const graph = new Map(sources(SRC).map((file) => [file, importsOf(file)]));

describe("the import graph of src", () => {
  it("has each layer import only the layers below it", () => {
    const crossings: string[] = [];
    for (const [file, imports] of graph) {
      const allowed = MAY_IMPORT[layerOf(file)];
      if (!allowed) continue;
      for (const target of imports) {
        if (!allowed.includes(layerOf(target))) crossings.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it("keeps features apart: a feature imports only shared bot code and the layers below, never another feature", () => {
    // src/bot/features/<feature>/…; the files directly in features/ and the rest of src/bot put them together.
    const featureOf = (path: string) => {
      const parts = relative(join(SRC, "bot", "features"), path).split("/");
      return parts.length > 1 && parts[0] !== ".." ? parts[0] : undefined;
    };
    const crossings: string[] = [];
    for (const [file, imports] of graph) {
      const feature = featureOf(file);
      if (!feature) continue;
      for (const target of imports) {
        const other = featureOf(target);
        if (other && other !== feature) crossings.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it("has no import cycles, type-only ones included", () => {
    const state = new Map<string, "open" | "done">();
    const trail: string[] = [];
    const cycles: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      trail.push(file);
      for (const target of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === "open")
          cycles.push([...trail.slice(trail.indexOf(target)), target].map((f) => relative(SRC, f)).join(" → "));
        else if (!state.has(target)) visit(target);
      }
      trail.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("gives each name one address: no re-exports, no two exported functions or constants with one name", () => {
    const reexports: string[] = [];
    const exported = new Map<string, string[]>();
    for (const file of graph.keys()) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^export (?:type )?(?:\{[^}]*\}|\*) from "[^"]+";/gm))
        reexports.push(`${relative(SRC, file)}: ${match[0]}`);
      for (const match of text.matchAll(/^export (?:async )?(?:function\*? |const )([A-Za-z0-9_]+)/gm))
        exported.set(match[1], [...(exported.get(match[1]) ?? []), relative(SRC, file)]);
    }
    expect(reexports).toEqual([]);
    expect([...exported].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files}`)).toEqual(
      [],
    );
  });

  it("keeps the domain pure: no I/O modules, no packages", () => {
    const impure = [...graph.keys()]
      .filter((file) => layerOf(file) === "domain")
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/from\s+"([^".][^"]*)"/g)].map(
          (m) => `${relative(SRC, file)}: ${m[1]}`,
        ),
      );
    expect(impure).toEqual([]);
  });
});
