import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { appRoot } from "./chromium-path.ts";

/**
 * The environment Chromium is started with: nothing secret, only what it needs. LD_LIBRARY_PATH stays (on
 * Heroku the browser's libraries live under /app/.apt, found only through it); fonts come from the app's
 * fonts.conf (system fonts plus .apt/ and fonts/), which fontconfig would not search by default. glibc gives
 * each of Chromium's threads its own malloc arena, keeping freed memory in dozens of them: two arenas keep the
 * render's peak lower (an operator's own MALLOC_ARENA_MAX wins). A browser that brings its own libraries keeps
 * them in lib/ beside its binary (the npm browser, npm-browser.ts): they come first.
 */
export function browserEnv(
  home: string,
  executablePath: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const fontsConf = join(appRoot(), "fonts.conf");
  const out: Record<string, string> = {
    HOME: home,
    PATH: env.PATH ?? "/usr/bin:/bin",
    FONTCONFIG_PATH: "/etc/fonts",
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2",
  };
  if (existsSync(fontsConf)) out.FONTCONFIG_FILE = fontsConf;
  const ownLibraries = join(dirname(executablePath), "lib");
  const libraryPath = [existsSync(ownLibraries) ? ownLibraries : "", env.LD_LIBRARY_PATH ?? ""].filter(Boolean);
  if (libraryPath.length > 0) out.LD_LIBRARY_PATH = libraryPath.join(delimiter);
  return out;
}
