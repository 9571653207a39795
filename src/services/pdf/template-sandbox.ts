import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { SANDBOX_PROGRAM } from "./sandbox-program.ts";

export type SandboxFailure =
  | { ok: false; kind: "syntax" | "runtime"; message: string; line?: number; column?: number }
  | { ok: false; kind: "timeout" | "too-large" | "crashed"; message: string };

export type RenderOutcome = { ok: true; html: string } | SandboxFailure;
export type CheckOutcome = { ok: true; variables: string[] } | SandboxFailure;

const MAX_OUTPUT = 20 * 1024 * 1024;

let nunjucksBundle: string | undefined;
function bundleLine(): string {
  nunjucksBundle ??= readFileSync(createRequire(import.meta.url).resolve("nunjucks/browser/nunjucks.min.js"), "utf8");
  return `${JSON.stringify(nunjucksBundle)}\n`;
}

interface Child {
  process: ChildProcess;
  output: Promise<string>;
}

/**
 * Runs Nunjucks in a throw-away child process: empty environment, Node's
 * permission model with no grants (no fs, no child processes, no workers),
 * a small heap, and a vm context with nothing but Nunjucks and the data.
 * One spare child is kept booted so a render does not wait for Node to start.
 */
export class TemplateSandbox {
  private spare: Child | undefined;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(options: { timeoutMs?: number; idleMs?: number } = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.idleMs = options.idleMs ?? 120_000;
  }

  /** Boots the spare child ahead of the first job. */
  warm(): void {
    this.spare ??= this.spawnChild();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  render(template: string, data: Record<string, unknown>): Promise<RenderOutcome> {
    return this.run({ mode: "render", template, data }) as Promise<RenderOutcome>;
  }

  /** Parses only: syntax errors with line/column, or the names the template reads. */
  check(template: string): Promise<CheckOutcome> {
    return this.run({ mode: "check", template }) as Promise<CheckOutcome>;
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.spare?.process.kill("SIGKILL");
    this.spare = undefined;
  }

  private async run(job: Record<string, unknown>): Promise<RenderOutcome | CheckOutcome> {
    const child = this.spare ?? this.spawnChild();
    this.spare = undefined;
    const vmTimeout = Math.max(100, this.timeoutMs - 2000);
    child.process.stdin!.end(`${JSON.stringify({ ...job, timeoutMs: vmTimeout, maxOutput: MAX_OUTPUT })}\n`);
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<SandboxFailure>((resolve) => {
      timer = setTimeout(() => {
        child.process.kill("SIGKILL");
        resolve({ ok: false, kind: "timeout", message: "timeout" });
      }, this.timeoutMs);
    });
    try {
      const result = await Promise.race([child.output.then(parseOutput), killed]);
      return result;
    } finally {
      clearTimeout(timer);
      this.warm();
    }
  }

  private spawnChild(): Child {
    const child = spawn(process.execPath, ["--permission", "--max-old-space-size=192", "-e", SANDBOX_PROGRAM], {
      env: {},
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    child.stdin!.on("error", () => undefined);
    const output = new Promise<string>((resolve) => {
      // The answer is one line: taken as soon as it is complete, without waiting for the child to exit.
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        if (stdout.includes("\n")) {
          resolve(stdout);
          child.kill("SIGKILL");
        }
      });
      child.on("close", () => resolve(stdout || `${JSON.stringify(crashOutcome(stderr))}\n`));
      child.on("error", (error) => resolve(`${JSON.stringify({ ok: false, kind: "crashed", message: error.message })}\n`));
    });
    child.stdin!.write(bundleLine());
    return { process: child, output };
  }
}

function parseOutput(text: string): RenderOutcome | CheckOutcome {
  try {
    return JSON.parse(text.trim().split("\n").pop() ?? "");
  } catch {
    return { ok: false, kind: "crashed", message: "unreadable sandbox output" };
  }
}

function crashOutcome(stderr: string): SandboxFailure {
  if (/heap out of memory|Last few GCs/i.test(stderr)) return { ok: false, kind: "too-large", message: "out of memory" };
  return { ok: false, kind: "crashed", message: stderr.split("\n").find((line) => line.trim()) ?? "exited" };
}
