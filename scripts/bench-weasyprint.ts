/**
 * WeasyPrint (Debian's, in the system Python) kept running, so its renders can alternate with Chromium's in one bench.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { plainEnv } from "./bench-as-dyno.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const PROGRAM = `
import json, sys, time
from weasyprint import HTML
for line in sys.stdin:
    start = time.perf_counter()
    pdf = HTML(filename=line.strip(), base_url=sys.argv[1]).write_pdf()
    print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "bytes": len(pdf)}), flush=True)`;

export class WeasyPrint {
  /** Python start + import + first render. */
  coldMs = 0;
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  private readonly dir: string;

  private constructor(child: ChildProcess, dir: string) {
    this.child = child;
    this.pid = child.pid!;
    this.dir = dir;
    this.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  }

  /** Cards by name ("simple", "heavy"), each HTML referring to image-1.jpg… beside it. */
  static async start(cards: Record<string, string>, images: Buffer[]): Promise<WeasyPrint | string> {
    const python = ["python3", "/usr/bin/python3"].find(
      (candidate) => spawnSync(candidate, ["-c", "import weasyprint"]).status === 0,
    );
    if (!python) return "not installed";
    const dir = mkdtempSync(join(tmpdir(), "bench-weasy-"));
    images.forEach((bytes, i) => writeFileSync(join(dir, `image-${i + 1}.jpg`), bytes));
    for (const [name, html] of Object.entries(cards)) writeFileSync(join(dir, `${name}.html`), html);
    const started = performance.now();
    // WeasyPrint is not the bot's child: it runs in the environment the benchmark was started with.
    const child = spawn(python, ["-c", PROGRAM, dir], { stdio: ["pipe", "pipe", "ignore"], env: plainEnv() });
    const weasy = new WeasyPrint(child, dir);
    await weasy.render(Object.keys(cards)[0]);
    weasy.coldMs = performance.now() - started;
    return weasy;
  }

  async render(card: string): Promise<{ ms: number; bytes: number }> {
    this.child.stdin!.write(`${join(this.dir, `${card}.html`)}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error("WeasyPrint exited");
    return JSON.parse(value);
  }

  close(): void {
    this.child.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
