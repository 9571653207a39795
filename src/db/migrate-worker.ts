// Runs in a worker thread started by migrate-in-worker.ts.
import { parentPort, workerData } from "node:worker_threads";
import { applyMigrations } from "./migrations.ts";

const { databaseUrl } = workerData as { databaseUrl: string };
try {
  const { applied } = await applyMigrations(databaseUrl, (line) => parentPort!.postMessage({ line }));
  parentPort!.postMessage({ applied });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
