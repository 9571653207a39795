import type { Logger } from "pino";
import type { NotionService } from "./notion-service.ts";
import { normalizeDescription } from "../../domain/description.ts";
import { deadlineKey } from "../../domain/deadline.ts";
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

/** Notion rounds created_time down to the minute, so the lookup window starts before our own clock. */
const CREATE_LOOKUP_MARGIN_MS = 2 * 60_000;

export interface SyncJobRunnerOptions {
  store: SyncStore;
  notion: NotionService;
  logger: Logger;
  now: () => Date;
  /** Needed for image jobs. */
  files?: FileSource;
}

/**
 * What one outbox job does in Notion: an upsert (create once, adopting a page an interrupted create left), a
 * trash, or an image appended to the page. Failures are thrown to the worker, which decides retry or park.
 */
export function createSyncJobRunner(options: SyncJobRunnerOptions): { runJob(job: SyncJob): Promise<void> } {
  const { store, notion, logger, now } = options;
  const titlesSent = new Map<number, string[]>();

  async function upsert(job: SyncJob): Promise<void> {
    if (job.projectId === null) return;
    const project = await store.project(job.projectId);
    if (!project) return; // deleted locally: a trash job (if it had a page) takes care of Notion
    const pageId = project.notionPageId ?? (await adoptEarlierCreate(project));
    if (pageId) await notion.updatePage(pageId, project);
    else await createPage(project); // a create writes title, status and body at once
    const written = {
      name: project.name,
      status: project.status,
      description: normalizeDescription(project.description),
    };
    // The deadline is recorded only when it went out (the property is configured).
    const deadline = (await notion.mirrorsDeadline()) ? { deadline: deadlineKey(project.deadline) } : {};
    await store.markSynced?.(project.id, { ...written, ...deadline }, now());
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

  return { runJob };
}
