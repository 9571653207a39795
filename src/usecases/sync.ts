/** Notion sync the owner asked to try again (/sync → Retry now): every parked job back in the queue. */
import type { SyncJobRepository } from "../db/sync-job-repository.ts";

/** How many jobs go back to the worker (none without Notion); the worker runs them, the tap does not wait. */
export function retryParkedSync(syncJobs: Pick<SyncJobRepository, "retryAll">, notionOn: boolean): Promise<number> {
  return notionOn ? syncJobs.retryAll() : Promise.resolve(0);
}
