import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FakeBotApi, OWNER_ID } from "./fake-bot-api.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ENTRY = join(ROOT, "dist/src/main.js");

export function tempSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "designflow-")), "bot.db")}`;
}

/** The browser the run's global setup chose for every test, when it chose one. */
function testBrowser(): Record<string, string> {
  const path = process.env.TEST_BROWSER === "npm" ? process.env.PUPPETEER_EXECUTABLE_PATH : undefined;
  return path ? { PUPPETEER_EXECUTABLE_PATH: path } : {};
}

/** The production entry point (`npm start` runs the same file) as a child process. */
export class BotProcess {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string | undefined>, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, ENTRY], {
      cwd: ROOT,
      // A clean environment: only what the test gives (plus PATH), so the developer's .env never leaks in.
      // TEST_BROWSER=npm (global-setup.ts) reaches the bots too.
      env: {
        PATH: process.env.PATH,
        DOTENV_CONFIG_PATH: "/nonexistent",
        ...testBrowser(),
        ...env,
      } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.on("data", (chunk) => (this.stdout += chunk));
    this.child.stderr!.on("data", (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  get output(): string {
    return this.stdout + this.stderr;
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.kill("SIGKILL");
    await this.exited;
  }
}

export function botEnv(
  api: FakeBotApi,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    BOT_TOKEN: api.token,
    TELEGRAM_USER_ID: String(OWNER_ID),
    DATABASE_URL: databaseUrl,
    TELEGRAM_API_ROOT: api.apiRoot,
    LOG_LEVEL: "info",
    ...extra,
  };
}

/** Starts the bot and waits until it polls. */
export async function startBot(
  api: FakeBotApi,
  databaseUrl: string,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<BotProcess> {
  const since = api.calls.length;
  const bot = new BotProcess(botEnv(api, databaseUrl, extra), nodeArgs);
  const polled = api.waitForCall((call) => call.method === "getUpdates", { since, timeoutMs: 20_000 });
  const exited = bot.exited.then(({ code }) => {
    throw new Error(`bot exited (${code}) before polling:\n${bot.output}`);
  });
  await Promise.race([polled, exited]);
  return bot;
}
