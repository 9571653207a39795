import type { Logger } from "pino";
import { classifyNotionError, describeNotionError } from "./notion-errors.ts";
import type { NotionService } from "./notion-service.ts";
import { normalizeDescription } from "../../domain/description.ts";

import type { SyncJob, SyncProject, SyncStore } from "../../domain/notion-sync.ts";

/** Fetches a Telegram file's bytes by file id (getFile + download) when an image job runs. */
export type FileSource = (telegramFileId: string) => Promise<Buffer>;

/** The project has no page yet (its create is still waiting): retried with the usual backoff. */
export class PageNotReadyError extends Error {
  constructor(projectId: number) {
    super(`project ${projectId} has no Notion page yet`);
    this.name = "PageNotReadyError";
  }
}

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
/** Notion rounds created_time down to the minute, so the lookup window starts before our own clock. */
const CREATE_LOOKUP_MARGIN_MS = 2 * 60_000;

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
  const titlesSent = new Map<number, string[]>();
  let running = false;
  let stopRequested = false;
  let kicked = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let serial: Promise<unknown> = Promise.resolve();

  async function upsert(job: SyncJob): Promise<void> {
    if (job.projectId === null) return;
    const project = await store.project(job.projectId);
    if (!project) return; // deleted locally: a trash job (if it had a page) takes care of Notion
    const pageId = project.notionPageId ?? (await adoptEarlierCreate(project));
    if (pageId) await notion.updatePage(pageId, project);
    else await createPage(project); // a create writes title, status and body at once
    await store.markSynced?.(
      project.id,
      { name: project.name, status: project.status, description: normalizeDescription(project.description) },
      now(),
    );
  }

  /** A create whose outcome is unknown may have produced a page: find it instead of making a second one. */
  async function adoptEarlierCreate(project: SyncProject): Promise<string | null> {
    if (!project.notionCreateStartedAt) return null;
    const since = new Date(Date.parse(project.notionCreateStartedAt) - CREATE_LOOKUP_MARGIN_MS);
    // The earlier create may have used a name edited since; this process remembers the names it sent.
    const titles = new Set([project.name, ...(titlesSent.get(project.id) ?? [])]);
    for (const title of titles) {
      const found = await notion.findPageByTitle(title, since);
      if (!found) continue;
      logger.info({ projectId: project.id, pageId: found }, "notion sync: adopted the page of an earlier create");
      await rememberPage(project.id, found);
      return found;
    }
    return null;
  }

  async function createPage(project: SyncProject): Promise<void> {
    if (!project.notionCreateStartedAt) await store.markCreateStarted(project.id, now());
    titlesSent.set(project.id, [...(titlesSent.get(project.id) ?? []), project.name]);
    await rememberPage(project.id, await notion.createPage(project));
  }

  async function rememberPage(projectId: number, pageId: string): Promise<void> {
    await store.setPageId(projectId, pageId);
    titlesSent.delete(projectId);
  }

  /**
   * The bytes are fetched from Telegram at run time, so a restart loses nothing; the caption makes a retry find an
   * earlier append.
   */
  async function appendImage(job: SyncJob): Promise<void> {
    const assetId = job.payload.assetId;
    if (assetId === undefined || !store.image || !options.files) return;
    const image = await store.image(assetId);
    if (!image || image.notionBlockId) return; // deleted with its project, or already there
    const project = await store.project(image.projectId);
    if (!project) return;
    if (!project.notionPageId) throw new PageNotReadyError(project.id);
    const bytes = await options.files(image.telegramFileId);
    const blockId = await notion.appendImage(project.notionPageId, {
      bytes,
      filename: image.filename,
      contentType: "image/jpeg",
      caption: image.caption,
    });
    await store.markImageAppended?.(assetId, blockId);
  }

  async function runJob(job: SyncJob): Promise<void> {
    if (job.kind === "image") return appendImage(job);
    if (job.kind === "trash") {
      if (job.payload.pageId) await notion.trashPage(job.payload.pageId);
      return;
    }
    await upsert(job);
  }

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
