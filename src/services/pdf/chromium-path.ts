import { existsSync } from "node:fs";

/**
 * Chromium's "old headless" shell renders the same cards as the full browser
 * with less of everything: measured here (npm run bench:generator / bench:pdf)
 * bot + browser peak 404 MB instead of 526 MB, warm simple card 76 ms instead
 * of 116 ms, cold start 0.3 s instead of 0.5 s. It is used when installed.
 */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/** PUPPETEER_EXECUTABLE_PATH when set, else the first installed candidate (the full browser's path if none is). */
export function chromiumPath(configured: string | undefined = process.env.PUPPETEER_EXECUTABLE_PATH): string {
  if (configured) return configured;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? CHROMIUM_CANDIDATES[CHROMIUM_CANDIDATES.length - 1];
}
