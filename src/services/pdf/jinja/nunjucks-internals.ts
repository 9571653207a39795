import type { Py } from "./py.ts";

/**
 * Nunjucks as the sandbox loaded it (its browser bundle runs first and leaves `nunjucks` on the global): the
 * layer reaches its runtime, node classes, parser and compiler only through these.
 */
export const nunjucks: Py = (globalThis as Py).nunjucks;
export const runtime: Py = nunjucks.runtime;
export const nodes: Py = nunjucks.nodes;
