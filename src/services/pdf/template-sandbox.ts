import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import { SANDBOX_PROGRAM } from "./sandbox-program.ts";
import { jinjaLayerScript } from "./jinja-layer.ts";
import { IMAGE_LIMITS } from "./image-limits.ts";

export type SandboxFailure =
  | { ok: false; kind: "syntax" | "runtime"; message: string; line?: number; column?: number }
  | { ok: false; kind: "timeout" | "too-large" | "too-complex" | "crashed"; message: string };

/** The printed HTML and its start tags, counted in the child (a "too-complex" failure past IMAGE_LIMITS.elements). */
export type RenderOutcome = { ok: true; html: string; elements: number } | SandboxFailure;
/** A construct Jinja2 would treat differently (or that only works here), 1-based position. */
export interface JinjaDifference {
  code:
    | "approximate"
    | "unsupported"
    | "nunjucks-only"
    | "unknown-filter"
    | "unknown-test"
    | "unknown-method"
    | "no-loader";
  construct: string;
  line: number;
  column: number;
}

export type CheckOutcome = { ok: true; variables: string[]; differences: JinjaDifference[] } | SandboxFailure;

const MAX_OUTPUT = 20 * 1024 * 1024;

/** QuickJS's heap per render: a card template's data and output are a few MB; a hostile one stops here. */
const MEMORY_LIMIT_BYTES = 96 * 1024 * 1024;
const STACK_LIMIT_BYTES = 512 * 1024;
/** A child whose WebAssembly memory grew past this (a large render) exits after answering; a fresh one follows. */
const RECYCLE_RSS_BYTES = 200 * 1024 * 1024;

const require = createRequire(import.meta.url);
const QUICKJS_CORE = require.resolve("quickjs-emscripten-core");
const QUICKJS_VARIANT = require.resolve("@jitl/quickjs-wasmfile-release-sync");

/** The package folders the child may read: QuickJS's JavaScript, its WebAssembly file and its FFI constants. */
const QUICKJS_FOLDERS = [QUICKJS_CORE, QUICKJS_VARIANT, require.resolve("@jitl/quickjs-ffi-types")].map((file) =>
  dirname(dirname(file)),
);

let setupLine: string | undefined;
/** Line 1 for every child: read and joined once per process (a child is spawned after each timeout or crash). */
function setup(): string {
  if (setupLine) return setupLine;
  // The unminified bundle: the Jinja2 layer patches Nunjucks' parser and compiler by their method names.
  const bundle = `${readFileSync(require.resolve("nunjucks/browser/nunjucks.js"), "utf8")}\n${jinjaLayerScript()}`;
  setupLine = `${JSON.stringify({
    bundle,
    core: QUICKJS_CORE,
    variant: QUICKJS_VARIANT,
    memoryLimitBytes: MEMORY_LIMIT_BYTES,
    stackLimitBytes: STACK_LIMIT_BYTES,
    recycleRssBytes: RECYCLE_RSS_BYTES,
  })}\n`;
  return setupLine;
}

interface Child {
  process: ChildProcess;
  /** The child's next answer line; a crash outcome once it has died. */
  next(): Promise<string>;
  dead: boolean;
}

/**
 * Runs Nunjucks (with the Jinja2 layer) in QuickJS inside a child process: every job in a fresh QuickJS runtime
 * with memory, stack and time limits; the child has an empty environment, Node's permission model (read access
 * to QuickJS's files only) and a small heap. One child is kept booted and reused while its jobs end normally
 * (booting a Node and QuickJS per render would cost ~100 ms of CPU next to Chromium); after a timeout or a crash
 * it is killed and a new one started.
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

  /**
   * The card that used the last job is done: the child boots the next job's fresh runtime now (~20 ms of CPU that
   * would otherwise compete with Chromium laying the card out).
   */
  prepareNext(): void {
    if (this.spare && !this.spare.dead) this.spare.process.stdin!.write("spare\n");
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
    const limits = { timeoutMs: vmTimeout, maxOutput: MAX_OUTPUT, maxElements: IMAGE_LIMITS.elements };
    child.process.stdin!.write(`${JSON.stringify({ ...job, ...limits })}\n`);
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
    const readable = QUICKJS_FOLDERS.map((folder) => `--allow-fs-read=${folder}`);
    const node = spawn(
      process.execPath,
      ["--permission", ...readable, "--max-old-space-size=128", "-e", SANDBOX_PROGRAM],
      {
        env: {},
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    const lines: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    const child: Child = {
      process: node,
      dead: false,
      next: () =>
        lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve)),
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
    node.stdin!.write(setup());
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
  if (/heap out of memory|Last few GCs/i.test(stderr))
    return { ok: false, kind: "too-large", message: "out of memory" };
  return { ok: false, kind: "crashed", message: stderr.split("\n").find((line) => line.trim()) ?? "exited" };
}
