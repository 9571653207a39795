import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { npmBrowser } from "./npm-browser.ts";

/**
 * Chromium's headless shell renders the same cards as the full browser with less of everything: measured here
 * (npm run bench:generator / bench:pdf) bot + browser peak 404 MB instead of 526 MB, warm simple card 76 ms
 * instead of 116 ms. So it comes first wherever it is: the app's own copy (installed by heroku-postbuild,
 * scripts/install-browser.mjs), then on PATH, then Debian's packages, and last the one from the npm registry
 * (@sparticuz/chromium, inflated on first use: see npm-browser.ts), so a machine with only Node prints cards too.
 */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];
const ON_PATH = ["chrome-headless-shell", "chromium-headless-shell", "chrome", "chromium", "chromium-browser"];

export interface FoundChromium {
  path: string;
  /** How it was found (for the start-up log line). */
  source: "PUPPETEER_EXECUTABLE_PATH" | "app" | "PATH" | "system" | "npm" | "none";
}

/** The app's root: the nearest folder above this module with a package.json (src/… in tests, dist/src/… built). */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The headless shell heroku-postbuild put under `.browser/` (its path is recorded relative to the app). */
function appBrowser(root: string): string | undefined {
  const record = join(root, ".browser", "executable");
  if (!existsSync(record)) return undefined;
  const path = resolve(root, readFileSync(record, "utf8").trim());
  return existsSync(path) ? path : undefined;
}

function onPath(pathVariable: string | undefined): string | undefined {
  for (const name of ON_PATH) {
    for (const dir of (pathVariable ?? "").split(delimiter).filter(Boolean)) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  root = appRoot(),
  systemCandidates = CHROMIUM_CANDIDATES,
): FoundChromium {
  if (env.PUPPETEER_EXECUTABLE_PATH)
    return { path: env.PUPPETEER_EXECUTABLE_PATH, source: "PUPPETEER_EXECUTABLE_PATH" };
  const own = appBrowser(root);
  if (own) return { path: own, source: "app" };
  const fromPath = onPath(env.PATH);
  if (fromPath) return { path: fromPath, source: "PATH" };
  const system = systemCandidates.find((candidate) => existsSync(candidate));
  if (system) return { path: system, source: "system" };
  const fromNpm = npmBrowser(root);
  if (fromNpm) return { path: fromNpm.path, source: "npm" };
  return { path: CHROMIUM_CANDIDATES[CHROMIUM_CANDIDATES.length - 1], source: "none" };
}

/** PUPPETEER_EXECUTABLE_PATH when set, else the first browser found (see findChromium). */
export function chromiumPath(configured: string | undefined = process.env.PUPPETEER_EXECUTABLE_PATH): string {
  return findChromium({ ...process.env, PUPPETEER_EXECUTABLE_PATH: configured }).path;
}
