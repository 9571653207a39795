import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium } from "../src/services/pdf/chromium-path.ts";
import { browserEnv } from "../src/services/pdf/browser-env.ts";

function fakeApp(): string {
  const root = mkdtempSync(join(tmpdir(), "designflow-app-"));
  writeFileSync(join(root, "package.json"), "{}");
  return root;
}

function binDir(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "designflow-bin-"));
  for (const name of names) writeFileSync(join(dir, name), "");
  return dir;
}

describe("which browser prints PDF cards", () => {
  it("takes PUPPETEER_EXECUTABLE_PATH first", () => {
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: "/opt/x/chrome", PATH: binDir("chrome") }, fakeApp())).toEqual({
      path: "/opt/x/chrome",
      source: "PUPPETEER_EXECUTABLE_PATH",
    });
  });

  it("then PATH, a headless shell before full Chrome (chrome-for-testing puts chrome on PATH)", () => {
    const both = binDir("chrome", "chrome-headless-shell");
    expect(findChromium({ PATH: `${binDir()}:${both}` }, fakeApp())).toEqual({
      path: join(both, "chrome-headless-shell"),
      source: "PATH",
    });
    const chrome = binDir("chrome");
    expect(findChromium({ PATH: chrome }, fakeApp())).toEqual({ path: join(chrome, "chrome"), source: "PATH" });
  });

  it("then Debian's packages, and last the npm registry's browser, inflated into the app's .cache", () => {
    const root = fakeApp();
    const debian = binDir("chromium-headless-shell");
    expect(findChromium({ PATH: binDir() }, root, [join(debian, "chromium-headless-shell")])).toEqual({
      path: join(debian, "chromium-headless-shell"),
      source: "system",
    });
    const found = findChromium({ PATH: binDir() }, root, []);
    expect(found.source).toBe("npm");
    expect(found.path).toMatch(new RegExp(`^${root}/\\.cache/npm-browser/\\d+\\.\\d+\\.\\d+/chromium$`));
  });

  it("puts a browser's own libraries (lib/ beside it) first on LD_LIBRARY_PATH", () => {
    const dir = binDir("chromium");
    mkdirSync(join(dir, "lib"));
    const env = browserEnv("/tmp/profile", join(dir, "chromium"), { LD_LIBRARY_PATH: "/app/.apt/usr/lib" });
    expect(env.LD_LIBRARY_PATH).toBe(`${join(dir, "lib")}:/app/.apt/usr/lib`);
    expect(browserEnv("/tmp/profile", join(binDir("chromium"), "chromium"), {}).LD_LIBRARY_PATH).toBeUndefined();
  });

  it("launches Chromium with LD_LIBRARY_PATH and the app's fonts, and nothing secret", () => {
    const env = browserEnv("/tmp/profile", "/usr/bin/chromium", {
      PATH: "/app/.apt/usr/bin:/usr/bin",
      LD_LIBRARY_PATH: "/app/.apt/usr/lib/x86_64-linux-gnu",
      BOT_TOKEN: "123:secret",
      LLM_API_KEY: "k",
    });
    expect(env.LD_LIBRARY_PATH).toBe("/app/.apt/usr/lib/x86_64-linux-gnu");
    expect(env.FONTCONFIG_FILE).toMatch(/fonts\.conf$/);
    expect(Object.keys(env).sort()).toEqual([
      "FONTCONFIG_FILE",
      "FONTCONFIG_PATH",
      "HOME",
      "LD_LIBRARY_PATH",
      "MALLOC_ARENA_MAX",
      "PATH",
    ]);
  });
});
