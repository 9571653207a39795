import type { Logger } from "../logger.ts";
import type { SyncJobRepository } from "../db/sync-job-repository.ts";
import { createNotionService } from "../services/notion/notion-service.ts";
import type { NotionConnection } from "../services/notion/notion-connection.ts";
import { createSyncWorker, type SyncProblem } from "../services/notion/sync-worker.ts";
import type { FileSource } from "../services/notion/sync-job-runner.ts";

export interface NotionSync {
  start(): Promise<void>;
  stop(): Promise<void>;
  kick(): void;
}

/** The Notion mirror: the service on the real SDK plus the outbox worker over the database. */
export function createNotionSync(options: {
  connection: NotionConnection;
  logger: Logger;
  jobs: SyncJobRepository;
  onProblem: (problem: SyncProblem) => void;
  /** A project's Notion write ended (written, or parked as failed): what was drawn as "pending" can be redrawn. */
  onSettled?: (projectId: number) => void;
  /** Telegram files for image jobs (a saved moodboard's collage). */
  files?: FileSource;
}): NotionSync {
  const logger = options.logger.child({ component: "notion-sync" });
  const notion = createNotionService(options.connection);
  const worker = createSyncWorker({
    store: options.jobs,
    notion,
    logger,
    events: {
      onProblem: options.onProblem,
      onSynced: (_job, projectId) => projectId !== null && options.onSettled?.(projectId),
      onFailed: (_job, projectId) => projectId !== null && options.onSettled?.(projectId),
    },
    pollIntervalMs: 30_000,
    files: options.files,
  });
  return {
    async start() {
      await options.jobs.releaseClaims();
      worker.start();
    },
    stop: () => worker.stop(),
    kick: () => worker.kick(),
  };
}
