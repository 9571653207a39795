import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { appRoot, type FoundChromium } from "./chromium-path.ts";
import { prepareBrowser } from "./npm-browser.ts";
import { browserEnv } from "./browser-env.ts";

function run(file: string, args: string[], env: Record<string, string>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 10_000, maxBuffer: 1 << 20 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
}

export interface BrowserReport {
  path: string;
  source: FoundChromium["source"];
  /** `chrome --version`, or undefined when it did not run (missing binary or libraries). */
  version?: string;
  /** Whether some font fontconfig offers Chromium covers Russian; undefined without fc-list. */
  cyrillic?: boolean;
}

/** What the start-up log says about PDF cards: which browser, its version, and whether Cyrillic can print. */
export async function checkBrowser(found: FoundChromium): Promise<BrowserReport> {
  // The npm browser is inflated here, in the background of the start, so the first card does not wait for it.
  const prepared = await prepareBrowser(found.path, appRoot()).then(
    () => true,
    () => false,
  );
  const env = browserEnv(tmpdir(), found.path);
  const [version, fonts] = await Promise.all([
    prepared ? run(found.path, ["--version"], env) : undefined,
    run("fc-list", [":lang=ru", "family"], env),
  ]);
  return {
    path: found.path,
    source: found.source,
    version,
    cyrillic: fonts === undefined ? undefined : fonts.length > 0,
  };
}
