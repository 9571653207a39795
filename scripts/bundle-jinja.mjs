#!/usr/bin/env node
// Build step (npm run build, postinstall): bundles the Jinja2 layer (src/services/pdf/jinja/*.ts, real modules)
// into the one script the template sandbox runs after Nunjucks' browser bundle: dist/sandbox/jinja-layer.js,
// whose entry (jinja/index.ts) leaves `__jinja` on the sandbox's global. The sandbox cannot import anything.
import { buildSync } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "sandbox", "jinja-layer.js");
const result = buildSync({
  entryPoints: [join(root, "src", "services", "pdf", "jinja", "index.ts")],
  bundle: true,
  format: "iife",
  // QuickJS (the sandbox) runs ES2023; nothing is lowered.
  target: "es2023",
  charset: "utf8",
  legalComments: "none",
  write: false,
});
// Module code is strict. esbuild says so at the top of the script, but the sandbox runs it after Nunjucks' bundle,
// where a directive is no longer one: it moves inside the function.
const header = '"use strict";\n(() => {\n';
const text = result.outputFiles[0].text;
if (!text.startsWith(header)) throw new Error("bundle-jinja: unexpected esbuild output (no strict IIFE header)");
const script = `(() => {\n  "use strict";\n${text.slice(header.length)}`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, script);
console.log(`bundle-jinja: ${out.slice(root.length + 1)} (${(script.length / 1024).toFixed(0)} KB)`);
