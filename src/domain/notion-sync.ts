import type { ProjectSnapshot } from "./project.ts";

/** The Notion outbox as its worker and its store (the database) both see it. */

export type SyncJobKind = "upsert" | "trash" | "image";

export interface SyncJob {
  id: number;
  projectId: number | null;
  kind: SyncJobKind;
  /** trash: the page; image: the asset whose picture goes onto its project's page. */
  payload: { pageId?: string; assetId?: number };
  attempts: number;
  createStartedAt?: string | null;
}

export type SyncProject = ProjectSnapshot & { notionCreateStartedAt: string | null };

/** A picture saved with a project (a moodboard's collage) that belongs on its Notion page. */
export interface SyncImage {
  projectId: number;
  telegramFileId: string;
  filename: string;
  caption: string;
  /** Set once it is on the page. */
  notionBlockId: string | null;
}

export interface SyncStore {
  /** Pending jobs whose runAfter <= now, oldest first (limit n). */
  dueJobs(now: Date, limit: number): Promise<SyncJob[]>;
  project(id: number): Promise<SyncProject | null>;
  /** Persisted BEFORE createPage, so a page created by a timed-out request can be found later. */
  markCreateStarted(projectId: number, at: Date): Promise<void>;
  setPageId(projectId: number, pageId: string): Promise<void>;
  /** `startedAt`: when the job began, so a change made while it ran (an attachment) gets another job. */
  complete(jobId: number, startedAt?: Date): Promise<void>;
  /** Increments attempts. */
  retryLater(jobId: number, runAfter: Date, error: string): Promise<void>;
  /** Parks the job as failed. */
  fail(jobId: number, error: string): Promise<void>;
  nextDueAt(): Promise<Date | null>;
  /** Records what Notion now shows for the project, so the pull can tell hand edits from our own writes. */
  markSynced?(
    projectId: number,
    written: { name: string; status: ProjectSnapshot["status"]; description: string; deadline?: string },
    at: Date,
  ): Promise<void>;
  image?(assetId: number): Promise<SyncImage | null>;
  markImageAppended?(assetId: number, blockId: string): Promise<void>;
}
