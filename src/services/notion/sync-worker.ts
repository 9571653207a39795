import type { Logger } from "pino";
import { classifyNotionError, describeNotionError } from "./notion-errors.ts";
import type { NotionService } from "./notion-service.ts";
import { createSyncJobRunner, type FileSource } from "./sync-job-runner.ts";
import type { SyncJob, SyncStore } from "../../domain/notion-sync.ts";

export interface SyncProblem {
  problem: string;
  detail: string;
  jobId: number;
}

export interface SyncEvents {
  onProblem(problem: SyncProblem): void;
  onSynced?(jobId: number, projectId: number | null): void;
  /** A job parked as failed (it waits for "Retry now"): its project's screens stop saying "pending". */
  onFailed?(jobId: number, projectId: number | null): void;
}

export interface SyncWorkerOptions {
  store: SyncStore;
  notion: NotionService;
  logger: Logger;
  events: SyncEvents;
  now?: () => Date;
  /** Delay in ms before retry number `attempt + 1` (attempt = failures so far). */
  backoff?: (attempt: number) => number;
  /** Longest sleep between checks for due jobs. */
  pollIntervalMs?: number;
  /** Needed for image jobs. */
  files?: FileSource;
}

export interface SyncWorker {
  start(): void;
  /** Stops after the job in flight; resolves when it has finished. */
  stop(): Promise<void>;
  /** Run now (called after enqueueing a job). */
  kick(): void;
  /** Processes every job due now, each at most once; resolves with how many were processed. */
  drainOnce(): Promise<number>;
}

const BATCH_SIZE = 20;
const MIN_SLEEP_MS = 10;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(2000 * 2 ** attempt, 600_000);
  return Math.min(600_000, Math.round(base * (0.8 + Math.random() * 0.4)));
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { store, notion, logger, events } = options;
  const now = options.now ?? (() => new Date());
  const backoff = options.backoff ?? defaultBackoff;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const reportedProblems = new Set<string>();
  const { runJob } = createSyncJobRunner({ store, notion, logger, now, files: options.files });
  let running = false;
  let stopRequested = false;
  let kicked = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let serial: Promise<unknown> = Promise.resolve();

  async function processJob(job: SyncJob): Promise<void> {
    const startedAt = now();
    try {
      await runJob(job);
    } catch (error) {
      await recordFailure(job, error);
      return;
    }
    await store.complete(job.id, startedAt);
    reportedProblems.clear();
    logger.debug({ jobId: job.id, projectId: job.projectId, kind: job.kind }, "notion sync: job done");
    notify(() => events.onSynced?.(job.id, job.projectId));
  }

  async function recordFailure(job: SyncJob, error: unknown): Promise<void> {
    const verdict = classifyNotionError(error);
    const description = describeNotionError(error);
    const context = { jobId: job.id, projectId: job.projectId, kind: job.kind, attempts: job.attempts };
    if (verdict.kind === "retry") {
      const delayMs = verdict.retryAfterMs ?? backoff(job.attempts);
      logger.warn({ ...context, delayMs, uncertain: verdict.uncertain, error: description }, "notion sync: will retry");
      await store.retryLater(job.id, new Date(now().getTime() + delayMs), description);
      return;
    }
    logger.error({ ...context, problem: verdict.problem, error: description }, "notion sync: job failed");
    await store.fail(job.id, `${verdict.problem}: ${verdict.detail}`);
    notify(() => events.onFailed?.(job.id, job.projectId));
    if (reportedProblems.has(verdict.problem)) return;
    reportedProblems.add(verdict.problem);
    notify(() => events.onProblem({ problem: verdict.problem, detail: verdict.detail, jobId: job.id }));
  }

  function notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      logger.error({ err: error }, "notion sync: event handler threw");
    }
  }

  async function drainDueJobs(): Promise<number> {
    const seen = new Set<number>();
    while (!stopRequested) {
      const jobs = (await store.dueJobs(now(), BATCH_SIZE)).filter((job) => !seen.has(job.id));
      if (jobs.length === 0) break;
      for (const job of jobs) {
        if (stopRequested) break;
        seen.add(job.id);
        await processJob(job);
      }
    }
    return seen.size;
  }

  /** One job at a time, whether drained by the loop or by a direct call. */
  function drainOnce(): Promise<number> {
    const run = serial.then(drainDueJobs);
    serial = run.catch(() => undefined);
    return run;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });
  }

  async function delayUntilNextJob(): Promise<number> {
    const next = await store.nextDueAt();
    if (!next) return pollIntervalMs;
    return Math.max(MIN_SLEEP_MS, Math.min(next.getTime() - now().getTime(), pollIntervalMs));
  }

  async function runLoop(): Promise<void> {
    while (running) {
      kicked = false;
      let delayMs = pollIntervalMs;
      try {
        await drainOnce();
        delayMs = await delayUntilNextJob();
      } catch (error) {
        // The store itself failed (database down): nothing can be recorded, so wait and try again.
        logger.error({ err: error }, "notion sync: outbox storage error");
      }
      if (running && !kicked) await sleep(delayMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopRequested = false;
      loop = runLoop();
    },
    async stop() {
      running = false;
      stopRequested = true;
      wake?.();
      await loop;
      await serial;
      loop = null;
      stopRequested = false;
    },
    kick() {
      kicked = true;
      wake?.();
    },
    drainOnce,
  };
}
