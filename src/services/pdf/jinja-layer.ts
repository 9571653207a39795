import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appRoot } from "./chromium-path.ts";

/** The Jinja2 layer's files, in the order their definitions build on each other. */
const LAYER_FILES = ["values.js", "operators.js", "methods.js", "syntax.js", "filters.js", "library.js", "check.js"];

/**
 * The Jinja2 compatibility layer as one script for the sandbox's fresh context: run right after Nunjucks'
 * browser bundle, it leaves `__jinja` (createJinjaEnvironment, jinjaData, jinjaDifferences) on the context's
 * global. The layer is plain JavaScript in `src/services/pdf/jinja/` because it runs inside the sandbox, where
 * nothing can be imported.
 */
export function jinjaLayerScript(root = appRoot()): string {
  const sources = LAYER_FILES.map((file) => readFileSync(join(root, "src", "services", "pdf", "jinja", file), "utf8"));
  return [
    "globalThis.__jinja = (function (nunjucks) {",
    '"use strict";',
    "const runtime = nunjucks.runtime;",
    "const nodes = nunjucks.nodes;",
    ...sources,
    "return { createJinjaEnvironment, jinjaData, jinjaDifferences, walkNodes };",
    "})(globalThis.nunjucks);",
  ].join("\n");
}
