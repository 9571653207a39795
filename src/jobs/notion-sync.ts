import type { Logger } from "../logger.ts";
import type { ProjectRepository, ProjectView } from "../db/project-repository.ts";
import type { SyncJobRepository } from "../db/sync-job-repository.ts";
import { createNotionService } from "../services/notion/notion-service.ts";
import type { NotionConnection } from "../services/notion/notion-connection.ts";
import { createSyncWorker, type FileSource, type SyncProblem } from "../services/notion/sync-worker.ts";

export interface NotionSync {
  start(): Promise<void>;
  stop(): Promise<void>;
  kick(): void;
  /** Kicks the worker and waits up to `ms` for the project's page id (for the "added to Notion" confirmation). */
  syncNowAndWait(projectId: number, ms: number): Promise<ProjectView | null>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Notion mirror: the service on the real SDK plus the outbox worker over the database. */
export function createNotionSync(options: {
  connection: NotionConnection;
  logger: Logger;
  projects: ProjectRepository;
  jobs: SyncJobRepository;
  onProblem: (problem: SyncProblem) => void;
  /** Telegram files for image jobs (a saved moodboard's collage). */
  files?: FileSource;
}): NotionSync {
  const logger = options.logger.child({ component: "notion-sync" });
  const notion = createNotionService(options.connection);
  const worker = createSyncWorker({
    store: options.jobs,
    notion,
    logger,
    events: { onProblem: options.onProblem },
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
    async syncNowAndWait(projectId, ms) {
      worker.kick();
      const deadline = Date.now() + ms;
      for (;;) {
        const project = await options.projects.get(projectId);
        if (!project || project.sync === "synced" || project.sync === "failed" || Date.now() >= deadline)
          return project;
        await sleep(100);
      }
    },
  };
}
