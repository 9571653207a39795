import type { Db } from "./client.ts";
import type { NotionOutbox } from "./notion-outbox.ts";
import { notionAttachmentLines } from "./asset-repository.ts";
import { readInstant } from "../domain/stored-values.ts";
import type { ProjectStatus } from "../domain/project.ts";
import { deadlineKey, deadlineOf, type Deadline } from "../domain/deadline.ts";

export const WATERMARK_KEY = "notion-pull:watermark";

/** A local project as the pull compares it with its Notion page. */
export interface LinkedProject {
  id: number;
  name: string;
  description: string;
  status: ProjectStatus;
  updatedAt: Date;
  notionPageId: string;
  syncedName: string | null;
  syncedStatus: ProjectStatus | null;
  /** The description part of the page body after our last write; null when not recorded yet. */
  syncedDescription: string | null;
  syncedAt: Date | null;
  /** The deadline as deadlineKey writes it ("none" without one). */
  deadlineKey: string;
  /** The deadline as last written to / read from Notion; null when not recorded yet. */
  syncedDeadline: string | null;
}

/** What the page showed when it was read; `description` is left out when the body was not read. */
export interface NotionShows {
  name: string;
  status: ProjectStatus | null;
  description?: string;
  /** The deadline column as deadlineKey writes it; left out without a deadline column. */
  deadline?: string;
}

export interface PageOffer {
  id: number;
  pageId: string;
  title: string;
  state: "new" | "offered" | "ignored" | "imported";
}

export type ImportOutcome =
  { ok: true; projectId: number } | { ok: false; reason: "stale" | "linked"; projectId?: number };

/** Notion page ids come with or without dashes. */
export const samePageId = (a: string, b: string) =>
  a.replace(/-/g, "").toLowerCase() === b.replace(/-/g, "").toLowerCase();

/**
 * State of the Notion → bot direction: the poll watermark, what Notion last showed per project, offers of unlinked
 * pages.
 */
export class NotionPullRepository {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;
  constructor(db: Db, outbox: NotionOutbox) {
    this.db = db;
    this.outbox = outbox;
  }

  async watermark(): Promise<Date | null> {
    const row = await this.db.setting.findUnique({ where: { key: WATERMARK_KEY } });
    // A watermark that does not read is no watermark: the next poll looks back over every page once.
    return (row && readInstant(row.value)) ?? null;
  }

  async setWatermark(at: Date): Promise<void> {
    const value = at.toISOString();
    await this.db.setting.upsert({
      where: { key: WATERMARK_KEY },
      create: { key: WATERMARK_KEY, value },
      update: { value },
    });
  }

  async linkedProjects(): Promise<LinkedProject[]> {
    const rows = await this.db.project.findMany({ where: { notionPageId: { not: null } } });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      status: row.status as ProjectStatus,
      updatedAt: row.updatedAt,
      notionPageId: row.notionPageId!,
      syncedName: row.notionSyncedName,
      syncedStatus: (row.notionSyncedStatus as ProjectStatus | null) ?? null,
      syncedDescription: row.notionSyncedDescription,
      syncedAt: row.notionSyncedAt,
      deadlineKey: deadlineKey(deadlineOf(row.deadlineDate, row.deadlineTime)),
      syncedDeadline: row.notionSyncedDeadline,
    }));
  }

  /**
   * Applies what was edited in Notion without enqueueing a sync job (that would echo it back).
   * Conditional on `seenUpdatedAt`: a local edit made meanwhile is not overwritten.
   */
  async applyFromNotion(
    project: LinkedProject,
    change: { name?: string; description?: string; status?: ProjectStatus; deadline?: Deadline | null },
    notionShows: NotionShows,
  ): Promise<boolean> {
    const now = new Date();
    const status =
      change.status === "active"
        ? { status: "active", archiveReason: null, activatedAt: now, lastRemindedAt: null }
        : change.status === "archived"
          ? { status: "archived", archiveReason: "completed" }
          : change.status === "idea"
            ? { status: "idea", archiveReason: null, activatedAt: null }
            : {};
    const { count } = await this.db.project.updateMany({
      where: { id: project.id, updatedAt: project.updatedAt },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.deadline !== undefined
          ? {
              deadlineDate: change.deadline?.date ?? null,
              deadlineTime: change.deadline?.time ?? null,
              deadlineSnoozedUntil: null,
            }
          : {}),
        ...status,
        notionSyncedName: notionShows.name,
        notionSyncedStatus: notionShows.status,
        ...(notionShows.description !== undefined ? { notionSyncedDescription: notionShows.description } : {}),
        ...(notionShows.deadline !== undefined ? { notionSyncedDeadline: notionShows.deadline } : {}),
        notionSyncedAt: now,
      },
    });
    return count === 1;
  }

  /** Records what Notion shows when no baseline was stored yet (projects synced before the pull existed). */
  async recordBaseline(projectId: number, notionShows: NotionShows): Promise<void> {
    await this.db.project.updateMany({
      where: { id: projectId, notionSyncedName: null },
      data: { notionSyncedName: notionShows.name, notionSyncedStatus: notionShows.status },
    });
    if (notionShows.description !== undefined) {
      await this.db.project.updateMany({
        where: { id: projectId, notionSyncedDescription: null },
        data: { notionSyncedDescription: notionShows.description },
      });
    }
  }

  /** The paragraphs the bot writes after the description (they are not part of it when read back). */
  attachmentLines(projectId: number): Promise<string[]> {
    return notionAttachmentLines(this.db, projectId);
  }

  /** The local side won a conflict: make sure a sync job will write it to Notion. */
  async ensureUpsert(projectId: number): Promise<void> {
    await this.outbox.transaction((tx) => this.outbox.upsert(tx, projectId, { keepFailed: true }));
  }

  /** A page no project links to: remembered once (an ignored page stays ignored). */
  async rememberUnlinked(pageId: string, title: string): Promise<void> {
    await this.db.notionPageOffer.upsert({ where: { pageId }, create: { pageId, title }, update: { title } });
  }

  /**
   * New offers to show, marked as offered. Pages linked meanwhile are dropped; a page whose title
   * matches a project still waiting for its first Notion create may be that project's own page: wait.
   */
  async takeNewOffers(limit: number): Promise<PageOffer[]> {
    const rows = await this.db.notionPageOffer.findMany({ where: { state: "new" }, orderBy: { id: "asc" } });
    if (rows.length === 0) return [];
    const projects = await this.db.project.findMany({ select: { name: true, notionPageId: true } });
    const taken: PageOffer[] = [];
    for (const row of rows) {
      if (projects.some((p) => p.notionPageId && samePageId(p.notionPageId, row.pageId))) {
        await this.db.notionPageOffer.deleteMany({ where: { id: row.id } });
        continue;
      }
      if (taken.length >= limit || projects.some((p) => !p.notionPageId && p.name === row.title)) continue;
      const { count } = await this.db.notionPageOffer.updateMany({
        where: { id: row.id, state: "new" },
        data: { state: "offered" },
      });
      if (count === 1) taken.push({ ...row, state: "offered" });
    }
    return taken;
  }

  /** Offers that never reached the owner go back to "new", to be offered at the next poll. */
  async returnOffers(ids: number[]): Promise<void> {
    await this.db.notionPageOffer.updateMany({ where: { id: { in: ids }, state: "offered" }, data: { state: "new" } });
  }

  async offered(): Promise<PageOffer[]> {
    const rows = await this.db.notionPageOffer.findMany({
      where: { state: "offered" },
      orderBy: { id: "asc" },
      take: 8,
    });
    return rows.map((row) => ({ ...row, state: "offered" }));
  }

  async offer(id: number): Promise<PageOffer | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.notionPageOffer.findUnique({ where: { id } });
    return row ? { ...row, state: row.state as PageOffer["state"] } : null;
  }

  /** Only an offer still on the table can be ignored (a second tap does nothing). */
  async ignore(id: number): Promise<boolean> {
    const { count } = await this.db.notionPageOffer.updateMany({
      where: { id, state: "offered" },
      data: { state: "ignored" },
    });
    return count === 1;
  }

  /** Creates the idea linked to the page: no sync job, the page already exists and holds this content. */
  async importPage(
    offerId: number,
    page: {
      pageId: string;
      name: string;
      description: string;
      notionTitle: string;
      notionStatus: ProjectStatus | null;
      notionDescription: string;
    },
  ): Promise<ImportOutcome> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.notionPageOffer.updateMany({
        where: { id: offerId, state: "offered" },
        data: { state: "imported" },
      });
      if (count !== 1) return { ok: false, reason: "stale" } as const;
      const linked = (
        await tx.project.findMany({ where: { notionPageId: { not: null } }, select: { id: true, notionPageId: true } })
      ).find((p) => samePageId(p.notionPageId!, page.pageId));
      if (linked) return { ok: false, reason: "linked", projectId: linked.id } as const;
      const project = await tx.project.create({
        data: {
          name: page.name,
          description: page.description,
          status: "idea",
          notionPageId: page.pageId,
          notionSyncedName: page.notionTitle,
          notionSyncedStatus: page.notionStatus,
          notionSyncedDescription: page.notionDescription,
          notionSyncedAt: new Date(),
        },
      });
      return { ok: true, projectId: project.id } as const;
    });
  }
}
