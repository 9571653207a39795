import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractInto, materializeNpmBrowser, npmBrowser, untar } from "../src/services/pdf/npm-browser.ts";
import { browserEnv } from "../src/services/pdf/browser-env.ts";
import { ROOT } from "./support/bot-process.ts";

function tarOf(dir: string, ...names: string[]): Uint8Array {
  return execFileSync("tar", ["-cf", "-", "-C", dir, ...names]);
}

describe("the browser from the npm registry", () => {
  it("is inflated once even when several processes start at the same moment, and runs with its own libraries", async () => {
    const root = mkdtempSync(join(tmpdir(), "designflow-npm-browser-"));
    const browser = npmBrowser(root);
    expect(browser, "@sparticuz/chromium is a dependency").toBeDefined();
    if (!browser) return;
    // Two processes (a bot starting while a render begins elsewhere), each inflating into the same app.
    const inflate = () =>
      new Promise<number | null>((resolve) => {
        const script = `import { materializeNpmBrowser, npmBrowser } from "./src/services/pdf/npm-browser.ts";
          await materializeNpmBrowser(npmBrowser(${JSON.stringify(root)}));`;
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
          cwd: ROOT,
          stdio: ["ignore", "ignore", "inherit"],
        });
        child.once("exit", resolve);
      });
    expect(await Promise.all([inflate(), inflate()])).toEqual([0, 0]);
    // And within one process, two callers share one inflation.
    await Promise.all([materializeNpmBrowser(browser), materializeNpmBrowser(browser)]);
    const home = join(root, ".cache", "npm-browser");
    // One folder for the version, no staging folder left behind.
    expect(readdirSync(home)).toEqual([browser.version]);
    expect(readdirSync(join(home, browser.version, "lib"))).toContain("libnss3.so");
    const version = execFileSync(browser.path, ["--version"], { env: browserEnv(root, browser.path, {}) });
    expect(version.toString()).toMatch(/Chrom(e|ium) \d+\./);
  }, 120_000);

  it("reads the files of a tar archive, long names included", () => {
    const dir = mkdtempSync(join(tmpdir(), "designflow-tar-"));
    const deep = `lib/${"d".repeat(90)}/${"n".repeat(60)}.so`;
    mkdirSync(join(dir, "lib", "d".repeat(90)), { recursive: true });
    writeFileSync(join(dir, deep), "library");
    writeFileSync(join(dir, "empty"), "");
    const files = untar(tarOf(dir, "lib", "empty"));
    expect(files.map((file) => [file.name, Buffer.from(file.data).toString()])).toEqual([
      [deep, "library"],
      ["empty", ""],
    ]);
  });

  it("refuses an archive that would write outside its folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "designflow-tar-"));
    mkdirSync(join(dir, "inner"));
    writeFileSync(join(dir, "escape.so"), "x");
    const archive = execFileSync("tar", ["-cf", "-", "-C", join(dir, "inner"), "--absolute-names", "../escape.so"]);
    const target = join(dir, "target");
    expect(() => extractInto(archive, target)).toThrow(/unsafe path/);
    expect(readFileSync(join(dir, "escape.so"), "utf8")).toBe("x");
  });
});
