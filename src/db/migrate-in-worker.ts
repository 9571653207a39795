import { Worker } from "node:worker_threads";

type WorkerMessage = { line: string } | { applied: string[] } | { error: string };

/**
 * applyMigrations in a worker thread: Prisma's WASM schema engine (~45 MB of
 * compiled code and linear memory) is freed with the thread instead of staying
 * in the bot's process for good.
 */
export function applyMigrationsInWorker(
  databaseUrl: string,
  log: (line: string) => void,
): Promise<{ applied: string[] }> {
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const worker = new Worker(new URL(`./migrate-worker.${extension}`, import.meta.url), { workerData: { databaseUrl } });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on("message", (message: WorkerMessage) => {
      if ("line" in message) log(message.line);
      else if ("applied" in message) settle(() => resolve({ applied: message.applied }));
      else settle(() => reject(new Error(message.error)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => settle(() => reject(new Error(`migration worker exited (${code}) without an answer`))));
  });
}
