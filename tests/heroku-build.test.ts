import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeBotApi, OWNER_ID } from "./support/fake-bot-api.ts";
import { OwnerChat } from "./support/owner-chat.ts";
import { createTestDatabase } from "./support/postgres.ts";
import { ROOT } from "./support/bot-process.ts";

/**
 * A replay of what `git push heroku main` does with this repository (heroku/heroku-buildpack-nodejs: install with
 * devDependencies under NODE_ENV=production, `heroku-postbuild`, `npm prune`, `heroku-cleanup`), the slug moved to
 * another folder as Heroku moves /tmp/build_… to /app, then the Procfile's release command and its worker started from
 * the pruned tree the way a dyno starts them (PATH and LD_LIBRARY_PATH as the buildpacks' .profile.d scripts set them,
 * no PUPPETEER_EXECUTABLE_PATH) against the fake Bot API and a fresh Postgres database. The build cannot download here,
 * so heroku-postbuild copies Debian's headless shell (BROWSER_SOURCE) where on Heroku it downloads Chrome's. The worker
 * must find that browser in the app's folder and print a PDF card with it.
 */
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const node24 = dirname(process.execPath);
let build = "";
let app = "";
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
    env: { PATH: `${node24}:/usr/bin:/bin`, HOME: process.env.HOME ?? "/root", ...machineTrust, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
}

const procfile = (type: string) =>
  readFileSync(join(app, "Procfile"), "utf8").match(new RegExp(`^${type}:\\s*(.+)$`, "m"))![1];
const sizeMb = (dir: string) => Number(sh("du", ["-sm", dir], "/").split("\t")[0]);

/** The environment of a dyno: .profile.d of heroku-community/apt and heroku/nodejs, plus the config vars. */
function dynoEnv(extra: Record<string, string>): Record<string, string> {
  return {
    HOME: app,
    PATH: `${app}/.apt/usr/bin:${node24}:/usr/local/bin:/usr/bin:/bin:${app}/node_modules/.bin`,
    LD_LIBRARY_PATH: `${app}/.apt/usr/lib/x86_64-linux-gnu:${app}/.apt/usr/lib/i386-linux-gnu:${app}/.apt/usr/lib:`,
    NODE_ENV: "production",
    DYNO: "worker.1",
    DATABASE_URL: database.url,
    ...extra,
  };
}

beforeAll(async () => {
  build = mkdtempSync(join(tmpdir(), "build_"));
  const files = sh("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], ROOT)
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(build, file)), { recursive: true });
    cpSync(join(ROOT, file), join(build, file));
  }
  // As bin/compile runs them: NODE_ENV=production throughout, `--production=false` only on the install.
  const buildEnv = { NODE_ENV: "production", npm_config_nodedir: dirname(node24) };
  sh("npm", ["install", "--production=false", "--no-audit", "--no-fund", "--prefer-offline"], build, buildEnv);
  sh("npm", ["run", "heroku-postbuild"], build, { ...buildEnv, BROWSER_SOURCE: HEADLESS_SHELL });
  sh("npm", ["prune", "--no-audit", "--no-fund"], build, buildEnv);
  sh("npm", ["run", "heroku-cleanup"], build, buildEnv);
  app = mkdtempSync(join(tmpdir(), "app_"));
  rmSync(app, { recursive: true });
  renameSync(build, app);
  database = await createTestDatabase("designflow_heroku");
  api = await new FakeBotApi().start();
}, 600_000);

afterAll(async () => {
  worker.child?.kill("SIGKILL");
  await api?.close();
  await database?.drop();
  if (app) rmSync(app, { recursive: true, force: true });
  if (build) rmSync(build, { recursive: true, force: true });
});

describe("the Heroku build, replayed", () => {
  it("prunes what only the build needs and stays within the slug budget", () => {
    for (const buildOnly of ["typescript", "prisma", "@prisma/internals", "@prisma/migrate", "vitest", "tsx"]) {
      expect(existsSync(join(app, "node_modules", buildOnly)), buildOnly).toBe(false);
    }
    const total = sizeMb(app);
    const modules = sizeMb(join(app, "node_modules"));
    const browser = sizeMb(join(app, ".browser"));
    const compressed = Math.round(Number(sh("sh", ["-c", `tar -C ${app} -cz . | wc -c`], "/")) / 1e6);
    console.log(
      `pruned slug: ${total} MB on disk (node_modules ${modules} MB, .browser ${browser} MB), ${compressed} MB compressed`,
    );
    expect(compressed).toBeLessThan(250);
  });

  it("runs the release command: migrations on a fresh Postgres database", () => {
    const out = sh("bash", ["-c", procfile("release")], app, dynoEnv({}));
    expect(out).toMatch(/applied \d+ migrations; database is up to date/);
  });

  it("starts the worker from the pruned tree, finds the app's headless shell and prints a PDF card", async () => {
    const env = dynoEnv({
      BOT_TOKEN: api.token,
      TELEGRAM_USER_ID: String(OWNER_ID),
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: "info",
    });
    worker.child = spawn("bash", ["-c", procfile("worker")], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    worker.child.stdout!.on("data", (chunk) => (worker.output += chunk));
    worker.child.stderr!.on("data", (chunk) => (worker.output += chunk));
    const deadline = Date.now() + 30_000;
    while (!worker.output.includes('"msg":"PDF browser')) {
      if (Date.now() > deadline || worker.child.exitCode !== null)
        throw new Error(`the worker did not report its browser:\n${worker.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const line = JSON.parse(worker.output.split("\n").find((l) => l.includes('"msg":"PDF browser'))!);
    expect(line).toMatchObject({ found: "app", msg: "PDF browser" });
    expect(line.browser.startsWith(join(app, ".browser"))).toBe(true);
    expect(line.version).toMatch(/\d+\.\d+\.\d+/);
    expect(worker.output).not.toContain("no font covers Cyrillic");

    const chat = new OwnerChat(api);
    await chat.send("/templates");
    await chat.tap("t:0:open");
    const preview = await chat.tap(
      "t:0:preview",
      (c) => c.method === "sendPhoto" || /❌/.test(String(c.payload.text ?? "")),
    );
    expect(preview.method, worker.output.slice(-2000)).toBe("sendPhoto");
    expect(preview.files.photo?.bytes.subarray(1, 4).toString() ?? "PNG").toBe("PNG");
  });
});
