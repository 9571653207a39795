import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import {
  checkBrowserLine,
  checkPruned,
  checkSlugSize,
  dynoCommand,
  measureSlug,
  previewJpeg,
  ReplayCheckFailed,
} from "./support/heroku-replay.ts";

/** Each check of tests/heroku-build.test.ts, fed what a broken build would give it. */
function fakeApp(dependencies: string[], installed: string[]): string {
  const app = mkdtempSync(join(tmpdir(), "designflow-slug-"));
  const deps = Object.fromEntries(dependencies.map((name) => [name, "1.0.0"]));
  writeFileSync(join(app, "package.json"), JSON.stringify({ dependencies: deps }));
  for (const name of installed) {
    mkdirSync(join(app, "node_modules", name), { recursive: true });
    writeFileSync(join(app, "node_modules", name, "package.json"), "{}");
  }
  return app;
}

const photoCall = (bytes: Buffer, method = "sendPhoto"): RecordedCall =>
  ({
    method,
    payload: { chat_id: 1, photo: "attach://a1b2c3" },
    files: { a1b2c3: { name: "card.png", bytes } },
  }) as unknown as RecordedCall;

const image = (format: "png" | "jpeg") =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
    .toFormat(format)
    .toBuffer();

describe("the Heroku replay's checks fail on a broken build", () => {
  it("a slug over the budget", () => {
    expect(() => checkSlugSize({ compressedMb: 250.1, parts: {} })).toThrow(ReplayCheckFailed);
    expect(() => checkSlugSize({ compressedMb: 198.3, parts: {} })).not.toThrow();
  });

  it("measures the whole folder, dot folders included", () => {
    const app = mkdtempSync(join(tmpdir(), "designflow-slug-"));
    mkdirSync(join(app, ".heroku"));
    writeFileSync(join(app, ".heroku", "node"), randomBytes(3_000_000));
    writeFileSync(join(app, "Procfile"), "worker: node x.js\n");
    const slug = measureSlug(app, [".heroku", "Procfile"]);
    expect(slug.compressedMb).toBeGreaterThanOrEqual(3);
    expect(slug.parts[".heroku"]).toBeGreaterThanOrEqual(3);
    expect(slug.parts.rest).toBeLessThan(0.1);
  });

  it("a build-only package left in the slug, or a dependency pruned away", () => {
    expect(() => checkPruned(fakeApp(["grammy"], ["grammy", "typescript"]))).toThrow(/build-only.*typescript/);
    expect(() => checkPruned(fakeApp(["grammy", "pg"], ["grammy"]))).toThrow(/removed what the bot runs with: pg/);
    expect(() => checkPruned(fakeApp(["grammy", "pg"], ["grammy", "pg"]))).not.toThrow();
  });

  it("a worker that took another browser, one outside the app, or one that did not run", () => {
    const app = "/app";
    const inApp = "/app/.cache/npm-browser/153.0.0/chromium";
    expect(() => checkBrowserLine({ found: "PATH", browser: "/usr/bin/chromium", version: "156.0" }, app)).toThrow(
      /took a browser from "PATH"/,
    );
    expect(() => checkBrowserLine({ found: "npm", browser: "/tmp/x/chromium", version: "1.2.3" }, app)).toThrow(
      /outside the app/,
    );
    expect(() => checkBrowserLine({ found: "npm", browser: inApp, version: null }, app)).toThrow(/did not run/);
    expect(() =>
      checkBrowserLine({ found: "npm", browser: inApp, version: "Chromium 153.0.8010.0" }, app),
    ).not.toThrow();
  });

  it("a preview that is not a photo, carries no upload, or is not a JPEG", async () => {
    const [png, jpeg] = await Promise.all([image("png"), image("jpeg")]);
    expect(() => previewJpeg(photoCall(jpeg, "sendMessage"))).toThrow(/not a photo/);
    expect(() => previewJpeg({ ...photoCall(jpeg), files: {} })).toThrow(/no uploaded photo/);
    expect(() => previewJpeg(photoCall(png))).toThrow(/not a JPEG/);
    expect(previewJpeg(photoCall(jpeg))).toEqual(jpeg);
  });

  it("starts dyno commands where this machine's Chromium cannot be seen", () => {
    const [command, args] = dynoCommand(
      "command -v chromium-headless-shell chromium || echo none on PATH; ls /usr/lib/chromium 2>/dev/null | wc -l",
    );
    const out = execFileSync(command, args, { encoding: "utf8" });
    expect(out.trim().split("\n")).toEqual(["none on PATH", "0"]);
  });
});
