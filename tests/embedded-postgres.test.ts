import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeAbandonedClusters, serverVersion } from "../scripts/embedded-postgres.ts";
import { ROOT } from "./support/bot-process.ts";

const answers = async (url: string) => (await serverVersion(url)) !== undefined;

/** Whether a process runs (a killed one may stay a zombie until the machine's init reaps it). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && readFileSync(stat, "utf8").split(") ")[1]?.[0] !== "Z";
}

describe("the embedded Postgres of a test run", () => {
  it("is stopped and removed by the next run when its run was killed before its teardown", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-postgres-child.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = await new Promise<{ dir: string; url: string }>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
      });
      child.once("exit", (code) => reject(new Error(`the run exited early (${code})`)));
    });
    const server = Number(readFileSync(join(started.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    // kill -9 leaves the server running: the run had no chance to stop it.
    expect(await answers(started.url)).toBe(true);

    expect(removeAbandonedClusters()).toContain(started.dir);
    expect(existsSync(started.dir)).toBe(false);
    expect(await answers(started.url)).toBe(false);
    expect(running(server)).toBe(false);
  }, 60_000);
});
