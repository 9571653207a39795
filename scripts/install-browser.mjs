#!/usr/bin/env node
// heroku-postbuild: puts Chrome's headless shell into the app's own folder (.browser/), where the bot finds it at
// run time (src/services/pdf/chromium-path.ts). Heroku builds have internet: the shell is downloaded with
// @puppeteer/browsers (the version puppeteer-core was made for). Where a build cannot download (this workplace, CI's
// replay of the Heroku build), BROWSER_SOURCE=<file> copies a local headless shell and the files beside it instead.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, ".browser");
/** Files a headless shell reads beside its binary (Chrome for Testing's zip and Debian's package alike). */
const COMPANIONS = /\.(pak|bin|dat|json)$|^locales$|^lib.*\.so(\.\d+)*$|^chrome_crashpad_handler$/;

async function download() {
  const { install, Browser } = await import("@puppeteer/browsers");
  const { PUPPETEER_REVISIONS } = await import("puppeteer-core/internal/revisions.js").catch(() => ({}));
  const buildId = process.env.BROWSER_BUILD_ID ?? PUPPETEER_REVISIONS?.["chrome-headless-shell"];
  if (!buildId) throw new Error("no chrome-headless-shell version known; set BROWSER_BUILD_ID");
  const installed = await install({ browser: Browser.CHROMEHEADLESSSHELL, buildId, cacheDir: join(target, "cache") });
  return installed.executablePath;
}

function copyLocal(source) {
  if (!existsSync(source)) throw new Error(`BROWSER_SOURCE ${source} does not exist`);
  const from = dirname(source);
  const dir = join(target, "local");
  mkdirSync(dir, { recursive: true });
  cpSync(source, join(dir, basename(source)));
  for (const name of readdirSync(from))
    if (COMPANIONS.test(name)) cpSync(join(from, name), join(dir, name), { recursive: true });
  return join(dir, basename(source));
}

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
const executable = process.env.BROWSER_SOURCE ? copyLocal(process.env.BROWSER_SOURCE) : await download();
// Relative to the app: the build runs in /tmp/build_…, the dyno in /app.
writeFileSync(join(target, "executable"), `${relative(root, executable)}\n`);
console.log(`headless shell installed: ${relative(root, executable)}`);
