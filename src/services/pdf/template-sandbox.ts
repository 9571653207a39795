import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { SANDBOX_PROGRAM } from "./sandbox-program.ts";
import { jinjaLayerScript } from "./jinja-layer.ts";

export type SandboxFailure =
  | { ok: false; kind: "syntax" | "runtime"; message: string; line?: number; column?: number }
  | { ok: false; kind: "timeout" | "too-large" | "crashed"; message: string };

export type RenderOutcome = { ok: true; html: string } | SandboxFailure;
/** A construct Jinja2 would treat differently (or that only works here), 1-based position. */
export interface JinjaDifference {
  code: "approximate" | "unsupported" | "nunjucks-only" | "unknown-filter" | "unknown-test" | "unknown-method" | "no-loader";
  construct: string;
  line: number;
  column: number;
}

export type CheckOutcome = { ok: true; variables: string[]; differences: JinjaDifference[] } | SandboxFailure;

const MAX_OUTPUT = 20 * 1024 * 1024;

let nunjucksBundle: string | undefined;
function bundleLine(): string {
  // The unminified bundle: the Jinja2 layer patches Nunjucks' parser and compiler by their method names.
  nunjucksBundle ??= `${readFileSync(createRequire(import.meta.url).resolve("nunjucks/browser/nunjucks.js"), "utf8")}\n${jinjaLayerScript()}`;
  return `${JSON.stringify(nunjucksBundle)}\n`;
}

interface Child {
  process: ChildProcess;
  /** The child's next answer line; a crash outcome once it has died. */
  next(): Promise<string>;
  dead: boolean;
}

/**
 * Runs Nunjucks in a child process: empty environment, Node's permission model
 * with no grants (no fs, no child processes, no workers), a small heap, and for
 * each job a fresh vm context with nothing but Nunjucks and the data. One child
 * is kept booted and reused while its jobs end normally (booting a Node per
 * render cost ~50–80 ms of CPU next to Chromium); after a timeout or a crash it
 * is killed and a new one started.
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

  /**
   * Runs JavaScript where a template's code runs (the fresh context in the child). Templates themselves cannot
   * reach JavaScript (the Jinja2 layer gives them no constructors or prototypes); this plays one that found a
   * way, so the security tests can prove the walls behind that layer.
   */
  probe(source: string): Promise<RenderOutcome> {
    return this.run({ mode: "probe", source }) as Promise<RenderOutcome>;
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
    const reused = this.spare !== undefined && !this.spare.dead;
    const outcome = await this.runOn(reused ? this.spare! : this.spawnChild(), job);
    // A reused child that died under this job may have been hurt by an earlier one: once more on a fresh child.
    if (reused && !outcome.ok && outcome.kind === "crashed") return this.runOn(this.spawnChild(), job);
    return outcome;
  }

  private async runOn(child: Child, job: Record<string, unknown>): Promise<RenderOutcome | CheckOutcome> {
    if (this.spare === child) this.spare = undefined;
    const vmTimeout = Math.max(100, this.timeoutMs - 2000);
    child.process.stdin!.write(`${JSON.stringify({ ...job, timeoutMs: vmTimeout, maxOutput: MAX_OUTPUT })}\n`);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const killed = new Promise<SandboxFailure>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve({ ok: false, kind: "timeout", message: "timeout" });
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([child.next().then(parseOutput), killed]);
    } finally {
      clearTimeout(timer);
      if (timedOut || child.dead || this.spare) child.process.kill("SIGKILL");
      else this.spare = child;
      this.warm();
    }
  }

  private spawnChild(): Child {
    const node = spawn(process.execPath, ["--permission", "--max-old-space-size=192", "-e", SANDBOX_PROGRAM], {
      env: {},
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const lines: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    const child: Child = {
      process: node,
      dead: false,
      next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    };
    const deliver = (line: string) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line));
    node.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    node.stdin!.on("error", () => undefined);
    node.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      let newline: number;
      while ((newline = stdout.indexOf("\n")) >= 0) {
        deliver(stdout.slice(0, newline));
        stdout = stdout.slice(newline + 1);
      }
    });
    const died = (outcome: SandboxFailure) => {
      child.dead = true;
      while (waiting.length > 0) waiting.shift()!(JSON.stringify(outcome));
      lines.push(JSON.stringify(outcome));
    };
    node.on("close", () => died(crashOutcome(stderr)));
    node.on("error", (error) => died({ ok: false, kind: "crashed", message: error.message }));
    node.stdin!.write(bundleLine());
    return child;
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
