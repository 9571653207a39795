#!/usr/bin/env node
// heroku-postbuild: the PDF browser is the npm registry's headless shell (@sparticuz/chromium, a dependency), which
// the bot inflates into .cache/npm-browser/ at its start (kept compressed in the slug: 67 MB instead of 91 MB
// gzipped). Here the build inflates it once into a temp folder and runs it, so a stack it cannot start on fails
// the deploy instead of the owner's first card.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browserEnv } from "../dist/src/services/pdf/browser-env.js";
import { materializeNpmBrowser, npmBrowser } from "../dist/src/services/pdf/npm-browser.js";

const scratch = mkdtempSync(join(tmpdir(), "designflow-browser-check-"));
try {
  const browser = npmBrowser(scratch);
  if (!browser) throw new Error("@sparticuz/chromium is not installed");
  await materializeNpmBrowser(browser);
  const version = execFileSync(browser.path, ["--version"], { env: browserEnv(scratch, browser.path) });
  console.log(
    `PDF browser starts on this stack: ${version.toString().trim()} (@sparticuz/chromium ${browser.version})`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
