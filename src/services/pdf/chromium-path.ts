import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { npmBrowser } from "./npm-browser.ts";

/**
 * Chromium's headless shell renders the same cards as the full browser with less of everything: measured here
 * (npm run bench:generator / bench:pdf) bot + browser peak 404 MB instead of 526 MB, warm simple card 76 ms
 * instead of 116 ms. So it comes first wherever it is: on PATH, then Debian's packages, and last the one from the
 * npm registry (@sparticuz/chromium, inflated on first use: see npm-browser.ts), which is what a machine with only
 * Node, and a Heroku dyno, print with.
 */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];
const ON_PATH = ["chrome-headless-shell", "chromium-headless-shell", "chrome", "chromium", "chromium-browser"];

export interface FoundChromium {
  path: string;
  /** How it was found (for the start-up log line). */
  source: "PUPPETEER_EXECUTABLE_PATH" | "PATH" | "system" | "npm" | "none";
}

/** The app's root: the nearest folder above this module with a package.json (src/… in tests, dist/src/… built). */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return from;
  }
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
