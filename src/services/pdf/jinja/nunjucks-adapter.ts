import type { Py } from "./py.ts";

/**
 * The one place the layer touches Nunjucks' internals (its browser bundle runs first in the sandbox and leaves
 * `nunjucks` on the global). Every change to Nunjucks goes through `patchNunjucks` (a member Nunjucks has,
 * replaced) or `extendNunjucks` (a member it has not): a Nunjucks that moved or renamed something fails at once,
 * naming it, instead of printing a card differently. tests/nunjucks-adapter.test.ts runs the layer on the
 * installed Nunjucks, pinned to this version.
 */
export const NUNJUCKS_VERSION = "3.2.4";

export const nunjucks: Py = (globalThis as Py).nunjucks;
export const runtime: Py = nunjucks.runtime;
export const nodes: Py = nunjucks.nodes;
export const lexer: Py = nunjucks.lexer;

export type PatchTarget = "Parser" | "Compiler" | "runtime" | "Tokenizer";

/** What the layer changed in Nunjucks, in order (read by the test). */
export const patches: { target: PatchTarget; name: string; kind: "override" | "add" }[] = [];

/** A part of Nunjucks the layer patches, for reading what it had (the originals the patches call through). */
export function nunjucksTarget(target: PatchTarget): Py {
  if (target === "Parser") return nunjucks.parser.Parser.prototype;
  if (target === "Compiler") return nunjucks.compiler.Compiler.prototype;
  if (target === "runtime") return runtime;
  return Object.getPrototypeOf(lexer.lex(""));
}

/** Replaces a member Nunjucks has; returns the one it had (to call through). */
export function patchNunjucks(target: PatchTarget, name: string, replacement: Py): Py {
  const object = nunjucksTarget(target);
  if (!(name in object)) throw new Error(`Nunjucks ${NUNJUCKS_VERSION} expected: ${target}.${name} is not there`);
  const original = object[name];
  object[name] = replacement;
  patches.push({ target, name, kind: "override" });
  return original;
}

/** Adds a member Nunjucks does not have (a new node's compile step, the layer's runtime helpers). */
export function extendNunjucks(target: PatchTarget, name: string, value: Py): void {
  const object = nunjucksTarget(target);
  if (name in object) throw new Error(`Nunjucks ${NUNJUCKS_VERSION} expected: ${target}.${name} is already there`);
  object[name] = value;
  patches.push({ target, name, kind: "add" });
}
