import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { FakeBotApi, OWNER_ID } from "./support/fake-bot-api.ts";
import { OwnerChat } from "./support/owner-chat.ts";
import { createTestDatabase } from "./support/postgres.ts";
import { ROOT } from "./support/bot-process.ts";
import {
  BUILDPACK,
  checkBrowserLine,
  checkPruned,
  checkSlugSize,
  dynoCommand,
  installBuildpackNode,
  measureSlug,
  previewJpeg,
  runBuildpackSteps,
} from "./support/heroku-replay.ts";
import { Buttons } from "../src/bot/buttons.ts";

/**
 * A replay of what `git push heroku main` does with this repository, step for step as the Node buildpack runs them
 * (tests/support/heroku-replay.ts): the committed tree (what a push sends, nothing uncommitted), the buildpack's
 * Node and npm in `.heroku/node`, `npm ci --production=false` under NODE_ENV=production, `heroku-postbuild`, `npm
 * prune`, `heroku-cleanup`; the slug moved to another folder as Heroku moves /tmp/build_… to /app and measured whole;
 * then the Procfile's release command and its worker started the way a dyno starts them (PATH as the buildpack's
 * .profile.d sets it, no PUPPETEER_EXECUTABLE_PATH, no system browser on PATH) against the fake Bot API and a fresh
 * Postgres database. The worker must find the npm browser in the app, inflate it there and print a PDF card.
 * Each check is a function that tests/heroku-replay-checks.test.ts breaks on purpose.
 */
let build = "";
let app = "";
let nodeHome = "";
let api: FakeBotApi;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const worker: { child?: ReturnType<typeof spawn>; output: string } = { output: "" };

const machineTrust = Object.fromEntries(
  [
    "NODE_EXTRA_CA_CERTS",
    "SSL_CERT_FILE",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
  ]
    .filter((name) => process.env[name])
    .map((name) => [name, process.env[name]!]),
);

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  return execFileSync(command, args, {
    cwd,
    // The machine's own trust store (a registry request that misses npm's cache goes through its proxy).
    env: { PATH: "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...machineTrust, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
}

const procfile = (type: string) =>
  readFileSync(join(app, "Procfile"), "utf8").match(new RegExp(`^${type}:\\s*(.+)$`, "m"))![1];

/** The environment of a dyno: the Node buildpack's .profile.d/nodejs.sh, plus the config vars. */
function dynoEnv(extra: Record<string, string>): Record<string, string> {
  return {
    HOME: app,
    PATH: `${app}/.heroku/node/bin:/usr/local/bin:/usr/bin:/bin:${app}/bin:${app}/node_modules/.bin`,
    NODE_HOME: `${app}/.heroku/node`,
    NODE_ENV: "production",
    DYNO: "worker.1",
    DATABASE_URL: database.url,
    ...extra,
  };
}

beforeAll(async () => {
  build = mkdtempSync(join(tmpdir(), "build_"));
  const commit = sh("git", ["rev-parse", "--short", "HEAD"], ROOT).trim();
  sh("sh", ["-c", `git archive HEAD | tar -x -C "${build}"`], ROOT);
  nodeHome = installBuildpackNode(build, join(ROOT, ".cache"));
  const buildEnv = {
    PATH: `${nodeHome}/bin:/usr/bin:/bin`,
    NODE_ENV: "production",
    // node-gyp's headers: Heroku downloads them from nodejs.org, the buildpack's Node carries the same ones.
    npm_config_nodedir: nodeHome,
  };
  const log = runBuildpackSteps(build, (command, args) => sh(command, args, build, buildEnv));
  console.log(
    `replayed the Heroku build of ${commit} with Node ${BUILDPACK.node}, npm ${sh("npm", ["--version"], build, buildEnv).trim()}`,
  );
  console.log(
    log
      .split("\n")
      .filter((line) => /^\$|heroku-cleanup:|PDF browser starts/.test(line))
      .join("\n"),
  );
  app = mkdtempSync(join(tmpdir(), "app_"));
  rmSync(app, { recursive: true });
  renameSync(build, app);
  build = "";
  database = await createTestDatabase("designflow_heroku");
  api = await new FakeBotApi().start();
}, 900_000);

afterAll(async () => {
  worker.child?.kill("SIGKILL");
  await api?.close();
  await database?.drop();
  if (app) rmSync(app, { recursive: true, force: true });
  if (build) rmSync(build, { recursive: true, force: true });
});

describe("the Heroku build, replayed", () => {
  it("prunes what only the build needs, keeps what the bot runs with, and the whole slug fits", () => {
    checkPruned(app);
    const slug = measureSlug(app, readdirSync(app));
    const onDisk = sh("du", ["-sm", app], "/").split("\t")[0];
    console.log(`slug: ${slug.compressedMb} MB compressed (${JSON.stringify(slug.parts)}), ${onDisk} MB on disk`);
    checkSlugSize(slug);
  });

  it("runs the release command: migrations on a fresh Postgres database", () => {
    const out = sh("bash", ["-c", procfile("release")], app, dynoEnv({}));
    expect(out).toMatch(/applied \d+ migrations; database is up to date/);
  });

  it("starts the worker from the pruned tree, finds the npm browser in the app and prints a PDF card", async () => {
    const env = dynoEnv({
      BOT_TOKEN: api.token,
      TELEGRAM_USER_ID: String(OWNER_ID),
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: "info",
    });
    const [command, args] = dynoCommand(procfile("worker"));
    worker.child = spawn(command, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    worker.child.stdout!.on("data", (chunk) => (worker.output += chunk));
    worker.child.stderr!.on("data", (chunk) => (worker.output += chunk));
    const deadline = Date.now() + 30_000;
    while (!worker.output.includes('"msg":"PDF browser')) {
      if (Date.now() > deadline || worker.child.exitCode !== null)
        throw new Error(`the worker did not report its browser:\n${worker.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const line = JSON.parse(worker.output.split("\n").find((l) => l.includes('"msg":"PDF browser'))!);
    checkBrowserLine(line, app);
    expect(worker.output).not.toContain("no font covers Cyrillic");

    const chat = new OwnerChat(api);
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "open" }));
    const preview = await chat.tap(
      Buttons.template.pack({ id: 0, action: "preview" }),
      (c) => c.method === "sendPhoto" || /❌/.test(String(c.payload.text ?? "")),
    );
    expect(preview.method, worker.output.slice(-2000)).toBe("sendPhoto");
    const image = await sharp(previewJpeg(preview)).metadata();
    expect(image.format).toBe("jpeg");
    expect(image.width).toBeGreaterThan(500);
  });
});
