import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { appRoot } from "./chromium-path.ts";

/** Where the build puts the Jinja2 layer's bundle (scripts/bundle-jinja.mjs). */
export const JINJA_LAYER_BUNDLE = join("dist", "sandbox", "jinja-layer.js");

/**
 * The Jinja2 compatibility layer as one script for the sandbox's fresh context: run right after Nunjucks'
 * browser bundle, it leaves `__jinja` (createJinjaEnvironment, jinjaData, jinjaDifferences, walkNodes) on the
 * context's global. Its sources are TypeScript modules in `src/services/pdf/jinja/`; the build bundles them,
 * because nothing can be imported inside the sandbox.
 */
export function jinjaLayerScript(root = appRoot()): string {
  const bundle = join(root, JINJA_LAYER_BUNDLE);
  if (!existsSync(bundle)) throw new Error(`${JINJA_LAYER_BUNDLE} is missing: run npm run build`);
  return readFileSync(bundle, "utf8");
}
