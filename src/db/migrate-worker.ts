// Runs in a worker thread started by migrate-in-worker.ts.
import { parentPort, workerData } from "node:worker_threads";
import { applyMigrations } from "./migrations.ts";

const { databaseUrl } = workerData as { databaseUrl: string };
const parent = parentPort;
if (!parent) throw new Error("migrate-worker.ts runs only as a worker thread (migrate-in-worker.ts)");
try {
  const { applied } = await applyMigrations(databaseUrl, (line) => parent.postMessage({ line }));
  parent.postMessage({ applied });
} catch (error) {
  parent.postMessage({ error: (error as Error).message });
}
