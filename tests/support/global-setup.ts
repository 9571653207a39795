import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { serverVersion, startEmbeddedPostgres } from "../../scripts/embedded-postgres.ts";
import { appRoot, findChromium } from "../../src/services/pdf/chromium-path.ts";
import { materializeNpmBrowser, npmBrowser } from "../../src/services/pdf/npm-browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the Postgres server the tests create their databases on. */
    pgAdminUrl: string;
    /** Where each test file notes the databases it made (counted at the end of the run). */
    pgUsageDir: string;
  }
}

/** The system server of a machine of this kind (Debian's PostgreSQL, trust auth). */
const SYSTEM_PG_URL = "postgresql://postgres@127.0.0.1:5432/test";

interface PgServer {
  url: string;
  describe: string;
  stop(): Promise<void>;
}

/**
 * TEST_PG_URL when set, else a server already on 127.0.0.1:5432, else an embedded one started for this run.
 * TEST_PG_SERVER=embedded always starts the embedded server (CI proves a machine without Postgres works).
 */
async function choosePostgres(env: NodeJS.ProcessEnv): Promise<PgServer> {
  const stopNothing = () => Promise.resolve();
  if (env.TEST_PG_SERVER !== "embedded") {
    const url = env.TEST_PG_URL ?? SYSTEM_PG_URL;
    const version = await serverVersion(url);
    if (version) return { url, describe: `PostgreSQL ${version} at ${new URL(url).host}`, stop: stopNothing };
    if (env.TEST_PG_URL)
      throw new Error(`TEST_PG_URL (${new URL(url).host}) does not answer: the Postgres tests need it`);
  }
  try {
    const started = Date.now();
    const server = await startEmbeddedPostgres();
    const describe = `embedded PostgreSQL ${server.version}`;
    console.log(`tests: ${describe} started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { url: server.url, describe, stop: () => server.stop() };
  } catch (error) {
    throw new Error(
      `no PostgreSQL for the Postgres tests: nothing on 127.0.0.1:5432 and the embedded server failed (${
        (error as Error).message
      })`,
      { cause: error },
    );
  }
}

/** The browser the PDF tests print with; TEST_BROWSER=npm makes every test use the npm registry's. */
async function chooseBrowser(env: NodeJS.ProcessEnv): Promise<string> {
  const fromNpm = npmBrowser(appRoot());
  if (env.TEST_BROWSER === "npm") {
    if (!fromNpm) throw new Error("TEST_BROWSER=npm but @sparticuz/chromium is not installed");
    env.PUPPETEER_EXECUTABLE_PATH = fromNpm.path;
  }
  const found = findChromium(env);
  // Inflated once here, before the workers start, rather than by several of them at once.
  if (fromNpm && found.path === fromNpm.path && !existsSync(fromNpm.path)) {
    const started = Date.now();
    await materializeNpmBrowser(fromNpm);
    console.log(`tests: npm browser ${fromNpm.version} inflated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return `${found.path} (${env.TEST_BROWSER === "npm" ? "npm, TEST_BROWSER" : found.source})`;
}

function countUsage(dir: string): { files: number; databases: number } {
  const lines = readdirSync(dir).flatMap((name) => readFileSync(join(dir, name), "utf8").trim().split("\n"));
  const used = lines.filter(Boolean);
  return { files: new Set(used.map((line) => line.split("\t")[0])).size, databases: used.length };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browser = await chooseBrowser(process.env);
  const server = await choosePostgres(process.env);
  const usageDir = mkdtempSync(join(tmpdir(), "designflow-pg-usage-"));
  project.provide("pgAdminUrl", server.url);
  project.provide("pgUsageDir", usageDir);
  console.log(`tests: PDF browser ${browser}; Postgres ${server.describe}`);
  return async () => {
    const { files, databases } = countUsage(usageDir);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    console.log(
      `tests: ${plural(files, "test file")} ran on ${server.describe} (${plural(databases, "database")} made)`,
    );
    rmSync(usageDir, { recursive: true, force: true });
    await server.stop();
  };
}
