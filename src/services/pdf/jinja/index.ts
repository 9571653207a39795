/**
 * The Jinja2 layer, bundled into one script for the template sandbox (scripts/bundle-jinja.mjs): run right after
 * Nunjucks' browser bundle, it leaves these on the context's global as `__jinja`.
 */
export { createJinjaEnvironment, jinjaData } from "./library.ts";
export { jinjaDifferences, walkNodes } from "./check.ts";
export { NUNJUCKS_VERSION, patches } from "./nunjucks-adapter.ts";
