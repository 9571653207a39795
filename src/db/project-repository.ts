import type { Db } from "./client.ts";
import type { NotionOutbox } from "./notion-outbox.ts";
import { oncePerUpdate } from "./update-marks.ts";

import type { ArchiveReason, ProjectStatus, ProjectView } from "../domain/project.ts";
import { PAGE_SIZE } from "../domain/project.ts";
import { deadlineOf, type Deadline } from "../domain/deadline.ts";

/** Asset kinds the card's "Attachments" screen sends back: what the owner attached or the generator made. */
export const ATTACHMENT_KINDS = ["final_render", "pdf", "generated_pdf", "note"];

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
const NEAREST_DEADLINE_FIRST = [
  { deadlineDate: { sort: "asc" as const, nulls: "last" as const } },
  { deadlineTime: { sort: "asc" as const, nulls: "last" as const } },
];

type ProjectRow = Awaited<ReturnType<Db["project"]["findUniqueOrThrow"]>>;

export type TransitionResult =
  { ok: true; project: ProjectView } | { ok: false; reason: "missing" | "changed"; project?: ProjectView };

/** Projects and their Notion outbox: every change and its sync job are written in one transaction. */
export class ProjectRepository {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;

  constructor(db: Db, outbox: NotionOutbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** `onceKey` (e.g. the Telegram update's id): a re-delivered update returns the project it already created. */
  async create(
    input: { name: string; description: string; reference?: { fileId: string; asDocument: boolean } | null },
    options: { onceKey?: string } = {},
  ): Promise<ProjectView> {
    const id = await this.outbox.transaction((tx) =>
      oncePerUpdate(tx, options.onceKey, async () => {
        const project = await tx.project.create({ data: { name: input.name, description: input.description } });
        if (input.reference) {
          const meta = JSON.stringify({ asDocument: input.reference.asDocument });
          await tx.projectAsset.create({
            data: { projectId: project.id, kind: "image_reference", telegramFileId: input.reference.fileId, meta },
          });
        }
        await this.outbox.upsert(tx, project.id);
        return project.id;
      }),
    );
    return (await this.get(id))!;
  }

  async get(id: number): Promise<ProjectView | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.project.findUnique({ where: { id } });
    return row ? this.view(row) : null;
  }

  async list(
    status: ProjectStatus,
    page: number,
  ): Promise<{ items: ProjectView[]; total: number; page: number; pages: number }> {
    const total = await this.db.project.count({ where: { status } });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.min(Math.max(0, page), pages - 1);
    const rows = await this.db.project.findMany({
      where: { status },
      // Work in progress nearest deadline first (the list is sorted by urgency); the rest newest first.
      orderBy: status === "active" ? [...NEAREST_DEADLINE_FIRST, ...NEWEST_FIRST] : NEWEST_FIRST,
      skip: current * PAGE_SIZE,
      take: PAGE_SIZE,
    });
    return { items: await Promise.all(rows.map((row) => this.view(row))), total, page: current, pages };
  }

  /**
   * Changes status only if the project is still in `from` (a conditional
   * update), so two fast taps on the same button transition once.
   */
  async transition(
    id: number,
    from: ProjectStatus,
    to: ProjectStatus,
    extra: { reason?: ArchiveReason; intervalDays?: number | null } = {},
  ): Promise<TransitionResult> {
    const now = new Date();
    const data =
      to === "active"
        ? {
            status: to,
            archiveReason: null,
            activatedAt: now,
            lastRemindedAt: null,
            reminderIntervalDays: extra.intervalDays ?? null,
          }
        : to === "archived"
          ? { status: to, archiveReason: extra.reason ?? "completed" }
          : { status: to, archiveReason: null, activatedAt: null };
    const changed = await this.outbox.transaction(async (tx) => {
      const { count } = await tx.project.updateMany({ where: { id, status: from }, data });
      if (count === 1) await this.outbox.upsert(tx, id);
      return count === 1;
    });
    const project = await this.get(id);
    if (!project) return { ok: false, reason: "missing" };
    return changed ? { ok: true, project } : { ok: false, reason: "changed", project };
  }

  async update(
    id: number,
    changes: { name?: string; description?: string; reminderIntervalDays?: number | null },
  ): Promise<ProjectView | null> {
    const updated = await this.outbox.transaction(async (tx) => {
      const { count } = await tx.project.updateMany({ where: { id }, data: changes });
      if (count === 1 && (changes.name !== undefined || changes.description !== undefined))
        await this.outbox.upsert(tx, id);
      return count === 1;
    });
    return updated ? this.get(id) : null;
  }

  /** Removes the project with its assets; its Notion page goes to the trash through the outbox. */
  async delete(id: number): Promise<boolean> {
    return this.outbox.transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id } });
      if (!project) return false;
      await tx.syncJob.deleteMany({ where: { projectId: id, state: { in: ["pending", "failed"] }, kind: "upsert" } });
      await tx.project.delete({ where: { id } });
      if (project.notionPageId)
        await this.outbox.add(tx, { projectId: null, kind: "trash", payload: { pageId: project.notionPageId } });
      return true;
    });
  }

  /** Sets or removes the deadline of an idea or a project in work (an archived one is left as it is: null). */
  async setDeadline(id: number, deadline: Deadline | null): Promise<ProjectView | null> {
    const data = { deadlineDate: deadline?.date ?? null, deadlineTime: deadline?.time ?? null };
    const updated = await this.outbox.transaction(async (tx) => {
      const { count } = await tx.project.updateMany({
        where: { id, status: { in: ["idea", "active"] } },
        data: { ...data, deadlineSnoozedUntil: null },
      });
      // Mirrored to Notion's date property when one is configured (the upsert writes it with the rest).
      if (count === 1) await this.outbox.upsert(tx, id);
      return count === 1;
    });
    return updated ? this.get(id) : null;
  }

  /** Ideas and active projects that have a deadline, nearest first (at most `limit`). */
  async withDeadlines(limit = 60): Promise<ProjectView[]> {
    const rows = await this.db.project.findMany({
      where: { status: { in: ["idea", "active"] }, deadlineDate: { not: null } },
      orderBy: [{ deadlineDate: "asc" }, { deadlineTime: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      take: limit,
    });
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async countByStatus(): Promise<Record<ProjectStatus, number>> {
    const groups = await this.db.project.groupBy({ by: ["status"], _count: { _all: true } });
    const counts = { idea: 0, active: 0, archived: 0 };
    for (const group of groups) counts[group.status as ProjectStatus] = group._count._all;
    return counts;
  }

  private async view(row: ProjectRow): Promise<ProjectView> {
    const [photo, board, job, attachments] = await Promise.all([
      this.db.projectAsset.findFirst({
        where: { projectId: row.id, kind: "image_reference" },
        orderBy: { id: "desc" },
      }),
      this.db.projectAsset.findFirst({
        where: { projectId: row.id, kind: "moodboard" },
        orderBy: { id: "desc" },
        select: { telegramFileId: true },
      }),
      this.outbox.enabled
        ? this.db.syncJob.findFirst({
            where: { projectId: row.id, state: { in: ["pending", "failed"] } },
            orderBy: { id: "desc" },
          })
        : null,
      this.db.projectAsset.count({ where: { projectId: row.id, kind: { in: ATTACHMENT_KINDS } } }),
    ]);
    const sync = !this.outbox.enabled
      ? "none"
      : job
        ? job.state === "failed"
          ? "failed"
          : "pending"
        : row.notionPageId
          ? "synced"
          : "pending";
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      status: row.status as ProjectStatus,
      archiveReason: (row.archiveReason as ArchiveReason | null) ?? null,
      reminderIntervalDays: row.reminderIntervalDays,
      activatedAt: row.activatedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      deadline: deadlineOf(row.deadlineDate, row.deadlineTime),
      notionPageId: row.notionPageId,
      reference: photo?.telegramFileId
        ? { fileId: photo.telegramFileId, asDocument: JSON.parse(photo.meta ?? "{}").asDocument === true }
        : null,
      moodboard: board?.telegramFileId ? { fileId: board.telegramFileId } : null,
      sync,
      attachments,
    };
  }
}
