import type { Db } from "./client.ts";
import type { NotionOutbox } from "./notion-outbox.ts";
import { notionAttachmentLines } from "./asset-repository.ts";
import { normalizeDescription } from "../domain/description.ts";
import { deadlineKey, deadlineOf } from "../domain/deadline.ts";
import type { SyncImage, SyncJob, SyncJobKind, SyncProject, SyncStore } from "../domain/notion-sync.ts";

/** The database's clock and the worker's may differ a little (Postgres on another host). */
const ATTACHMENT_CLOCK_SLACK_MS = 1_000;

/** How long a claimed job is hidden from other workers (a second dyno during a restart). */
const CLAIM_MS = 5 * 60_000;

export interface SyncJobSummary {
  id: number;
  projectId: number | null;
  projectName: string | null;
  kind: string;
  state: string;
  attempts: number;
  lastError: string | null;
  runAfter: string;
}

/** The Notion outbox in the database: the worker's store, plus what /sync shows. */
export class SyncJobRepository implements SyncStore {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;
  /** The owner's time zone, in which deadlines are written. */
  private readonly timeZone: () => Promise<string>;
  constructor(db: Db, outbox: NotionOutbox, timeZone: () => Promise<string> = async () => "UTC") {
    this.db = db;
    this.outbox = outbox;
    this.timeZone = timeZone;
  }

  async dueJobs(now: Date, limit: number): Promise<SyncJob[]> {
    const rows = await this.db.syncJob.findMany({
      where: { state: "pending", runAfter: { lte: now } },
      orderBy: { id: "asc" },
      take: limit,
    });
    const claimed: SyncJob[] = [];
    for (const row of rows) {
      // Conditional update: only one worker gets to run a job.
      const { count } = await this.db.syncJob.updateMany({
        where: { id: row.id, state: "pending", runAfter: row.runAfter },
        data: { runAfter: new Date(now.getTime() + CLAIM_MS) },
      });
      if (count === 1)
        claimed.push({
          id: row.id,
          projectId: row.projectId,
          kind: row.kind as SyncJobKind,
          payload: JSON.parse(row.payload),
          attempts: row.attempts,
        });
    }
    return claimed;
  }

  async project(id: number): Promise<SyncProject | null> {
    const row = await this.db.project.findUnique({ where: { id } });
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      attachments: await notionAttachmentLines(this.db, row.id),
      status: row.status as SyncProject["status"],
      notionPageId: row.notionPageId,
      createdAt: row.createdAt.toISOString(),
      notionCreateStartedAt: row.notionCreateStartedAt?.toISOString() ?? null,
      deadline: await this.deadlineOf(row),
    };
  }

  private async deadlineOf(row: { deadlineDate: string | null; deadlineTime: string | null }) {
    const deadline = deadlineOf(row.deadlineDate, row.deadlineTime);
    return deadline && { ...deadline, timeZone: await this.timeZone() };
  }

  async image(assetId: number): Promise<SyncImage | null> {
    const row = await this.db.projectAsset.findUnique({ where: { id: assetId } });
    if (!row?.telegramFileId) return null;
    const meta = JSON.parse(row.meta ?? "{}");
    return {
      projectId: row.projectId,
      telegramFileId: row.telegramFileId,
      filename: `moodboard-${row.id}.jpg`,
      caption: typeof meta.notionCaption === "string" ? meta.notionCaption : `#${row.id}`,
      notionBlockId: typeof meta.notionBlockId === "string" ? meta.notionBlockId : null,
    };
  }

  async markImageAppended(assetId: number, blockId: string): Promise<void> {
    const row = await this.db.projectAsset.findUnique({ where: { id: assetId } });
    if (!row) return;
    await this.db.projectAsset.update({
      where: { id: assetId },
      data: { meta: JSON.stringify({ ...JSON.parse(row.meta ?? "{}"), notionBlockId: blockId }) },
    });
  }

  async markCreateStarted(projectId: number, at: Date): Promise<void> {
    await this.db.project.updateMany({ where: { id: projectId }, data: { notionCreateStartedAt: at } });
  }

  async setPageId(projectId: number, pageId: string): Promise<void> {
    await this.db.project.updateMany({ where: { id: projectId }, data: { notionPageId: pageId } });
  }

  async markSynced(
    projectId: number,
    written: { name: string; status: string; description: string; deadline?: string },
    at: Date,
  ): Promise<void> {
    await this.db.project.updateMany({
      where: { id: projectId },
      data: {
        ...(written.deadline !== undefined ? { notionSyncedDeadline: written.deadline } : {}),
        notionSyncedName: written.name,
        notionSyncedStatus: written.status,
        notionSyncedDescription: written.description,
        notionSyncedAt: at,
      },
    });
  }

  async complete(jobId: number, startedAt?: Date): Promise<void> {
    const job = await this.db.syncJob.findUnique({ where: { id: jobId } });
    await this.db.syncJob.deleteMany({ where: { id: jobId } });
    if (job?.kind === "upsert" && job.projectId !== null)
      await this.requeueIfChangedMeanwhile(job.projectId, startedAt);
  }

  /**
   * A change made while the job was in flight (a local edit, or an edit pulled from Notion) found
   * that job still pending and enqueued nothing: if the title, status or description now differs from what was
   * written, the project needs another upsert.
   */
  private async requeueIfChangedMeanwhile(projectId: number, startedAt?: Date): Promise<void> {
    const project = await this.db.project.findUnique({ where: { id: projectId } });
    if (!project || project.notionSyncedName === null) return;
    const sameDescription =
      project.notionSyncedDescription === null ||
      normalizeDescription(project.description) === project.notionSyncedDescription;
    // An attachment added while the job ran may have missed the body it wrote (a second early is harmless).
    const since = startedAt && new Date(startedAt.getTime() - ATTACHMENT_CLOCK_SLACK_MS);
    const attachedMeanwhile = since
      ? await this.db.projectAsset.count({
          where: { projectId, createdAt: { gte: since }, meta: { contains: '"notion"' } },
        })
      : 0;
    const sameDeadline =
      project.notionSyncedDeadline === null ||
      deadlineKey(deadlineOf(project.deadlineDate, project.deadlineTime)) === project.notionSyncedDeadline;
    if (
      project.name === project.notionSyncedName &&
      project.status === project.notionSyncedStatus &&
      sameDescription &&
      sameDeadline &&
      attachedMeanwhile === 0
    )
      return;
    const pending = await this.db.syncJob.findFirst({ where: { projectId, kind: "upsert", state: "pending" } });
    if (!pending) await this.db.syncJob.create({ data: { projectId, kind: "upsert" } });
  }

  async retryLater(jobId: number, runAfter: Date, error: string): Promise<void> {
    await this.db.syncJob.updateMany({
      where: { id: jobId },
      data: { runAfter, lastError: error.slice(0, 500), attempts: { increment: 1 } },
    });
  }

  async fail(jobId: number, error: string): Promise<void> {
    await this.db.syncJob.updateMany({
      where: { id: jobId },
      data: { state: "failed", lastError: error.slice(0, 500), attempts: { increment: 1 } },
    });
  }

  async nextDueAt(): Promise<Date | null> {
    const row = await this.db.syncJob.findFirst({ where: { state: "pending" }, orderBy: { runAfter: "asc" } });
    return row?.runAfter ?? null;
  }

  async unfinished(): Promise<SyncJobSummary[]> {
    const rows = await this.db.syncJob.findMany({ orderBy: { id: "asc" }, take: 50 });
    const ids = [...new Set(rows.map((row) => row.projectId).filter((id): id is number => id !== null))];
    const projects = await this.db.project.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    const names = new Map(projects.map((p) => [p.id, p.name]));
    return rows.map((row) => ({
      id: row.id,
      projectId: row.projectId,
      projectName: row.projectId === null ? null : (names.get(row.projectId) ?? null),
      kind: row.kind,
      state: row.state,
      attempts: row.attempts,
      lastError: row.lastError,
      runAfter: row.runAfter.toISOString(),
    }));
  }

  /** At start-up: claims left by a killed process would otherwise hide their jobs for minutes. */
  async releaseClaims(now = new Date()): Promise<void> {
    await this.db.syncJob.updateMany({ where: { state: "pending", runAfter: { gt: now } }, data: { runAfter: now } });
  }

  /** "Retry now": failed and waiting jobs become due immediately. */
  retryAll(): Promise<number> {
    return this.outbox.retryAll();
  }
}
