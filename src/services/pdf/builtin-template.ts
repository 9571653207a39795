import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateBundle } from "../../domain/template-bundle.ts";

/** `templates/default/` found from the source or the compiled file (they sit at different depths). */
function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "templates", "default", "template.html"))) return join(dir, "templates");
    dir = dirname(dir);
  }
  throw new Error("templates/default not found");
}

let cached: TemplateBundle | undefined;

/** The built-in A4 card: works before any upload. */
export function builtinTemplate(): TemplateBundle {
  if (!cached) {
    const dir = join(templatesDir(), "default");
    cached = {
      html: readFileSync(join(dir, "template.html"), "utf8"),
      css: readFileSync(join(dir, "style.css"), "utf8"),
      files: new Map(),
    };
  }
  return cached;
}
