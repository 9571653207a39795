import type { Logger } from "../logger.ts";
import type { BackgroundJobRepository, BackgroundJobRow } from "../db/background-job-repository.ts";

/**
 * What one kind of job does with its row: the value it returns is stored as the job's result (plain JSON); a throw
 * marks the job failed with `{ error }` after the handler had its chance to tell the owner. `publish` stores the
 * result before the handler shows the buttons that read it: a tap that quick finds it.
 */
export type JobHandler = (job: BackgroundJobRow, publish: (result: unknown) => Promise<void>) => Promise<unknown>;

export interface JobRunner {
  /** Registers what a kind does; every kind is registered before `start`. */
  handle(kind: string, handler: JobHandler): void;
  /**
   * Stores the job and starts it in the background; resolves with its id once the row is written. With `onceKey`
   * (the update asking), a second call with the same key returns the first job's id and starts nothing.
   */
  enqueue(kind: string, chatId: number, input: unknown, onceKey?: string): Promise<number>;
  get(id: number): Promise<BackgroundJobRow | null>;
  /** Runs an ended job again with the same input (its handler keeps a re-run from doubling its effects). */
  retry(id: number): Promise<boolean>;
  /**
   * Records work that runs in memory elsewhere as a running row, so a stop cannot lose it silently: if it is still
   * running at the next start, its kind's handler runs then (to report it). `untrack` ends it.
   */
  track(kind: string, chatId: number, input: unknown): Promise<number>;
  untrack(id: number): Promise<void>;
  /** Runs what the last stop left unfinished. */
  start(): Promise<void>;
  /** Waits up to `budgetMs` for running jobs; what is still running stays queued for the next start. */
  stop(budgetMs: number): Promise<void>;
}

/** How many jobs run at once: a render and a Gemini call side by side, no more (a 512 MB dyno). */
const PARALLEL = 2;
/** Ended rows are kept this long: a flow reads its job's result when the owner taps, perhaps a day later. */
const KEEP_ENDED_MS = 7 * 24 * 3600_000;

/**
 * The one place long work runs: never inside an update. A job is a database row first (so a stop cannot lose it),
 * then a promise here; at most `PARALLEL` run at a time, in the order they came.
 */
export function createJobRunner(options: { store: BackgroundJobRepository; logger: Logger }): JobRunner {
  const { store } = options;
  const logger = options.logger.child({ component: "jobs" });
  const handlers = new Map<string, JobHandler>();
  const waiting: number[] = [];
  const running = new Map<number, Promise<void>>();
  let accepting = true;

  async function run(id: number): Promise<void> {
    if (!(await store.claim(id))) return;
    const job = await store.get(id);
    const handler = job && handlers.get(job.kind);
    if (!job || !handler) {
      logger.error({ jobId: id, kind: job?.kind }, "no handler for a job");
      await store.finish(id, "failed", { error: "unknown kind" });
      return;
    }
    const started = Date.now();
    try {
      const result = await handler(job, (outcome) => store.publish(id, outcome));
      await store.finish(id, "done", result);
      logger.info({ jobId: id, kind: job.kind, ms: Date.now() - started }, "job done");
    } catch (error) {
      logger.error({ err: error, jobId: id, kind: job.kind }, "job failed");
      await store.finish(id, "failed", { error: "failed" });
    }
  }

  function pump(): void {
    while (accepting && running.size < PARALLEL && waiting.length > 0) {
      const id = waiting.shift() as number;
      const work = run(id)
        .catch((error: unknown) => logger.error({ err: error, jobId: id }, "job runner failed"))
        .finally(() => {
          running.delete(id);
          pump();
        });
      running.set(id, work);
    }
  }

  return {
    handle(kind, handler) {
      handlers.set(kind, handler);
    },
    async enqueue(kind, chatId, input, onceKey) {
      const { id, created } = await store.add(kind, chatId, input, onceKey);
      if (!created) return id;
      waiting.push(id);
      pump();
      return id;
    },
    get: (id) => store.get(id),
    async track(kind, chatId, input) {
      const { id } = await store.add(kind, chatId, input);
      await store.claim(id);
      return id;
    },
    untrack: (id) => store.finish(id, "done", null),
    async retry(id) {
      if (!(await store.requeue(id))) return false;
      waiting.push(id);
      pump();
      return true;
    },
    async start() {
      const left = await store.requeueUnfinished();
      if (left.length) logger.info({ jobs: left.map((job) => job.id) }, "running jobs the last stop left");
      waiting.push(...left.map((job) => job.id));
      pump();
      void store.prune(new Date(Date.now() - KEEP_ENDED_MS)).catch(() => undefined);
    },
    async stop(budgetMs) {
      accepting = false;
      waiting.length = 0;
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
      await Promise.race([Promise.all(running.values()), budget]);
      clearTimeout(timer);
      if (running.size) logger.warn({ jobs: [...running.keys()] }, "jobs still running at stop; run again at start");
    },
  };
}
