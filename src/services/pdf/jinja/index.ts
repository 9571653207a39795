import type { Py } from "./py.ts";
import { jinjaDifferences, walkNodes } from "./check.ts";
import { createJinjaEnvironment, jinjaData } from "./library.ts";
import { NUNJUCKS_VERSION, patches } from "./nunjucks-adapter.ts";

/**
 * The Jinja2 layer, bundled into one script for the template sandbox (scripts/bundle-jinja.mjs): run right after
 * Nunjucks' browser bundle, it leaves this on the context's global as `__jinja`.
 */
(globalThis as Py).__jinja = {
  createJinjaEnvironment,
  jinjaData,
  jinjaDifferences,
  walkNodes,
  NUNJUCKS_VERSION,
  patches,
};
