import type { Db } from "./client.ts";
import { ATTACHMENT_KINDS } from "./project-repository.ts";
import type { NotionOutbox } from "./notion-outbox.ts";

/** One attachment as the card's Attachments screen sends it back. */
export interface AttachmentView {
  kind: string;
  fileId: string | null;
  /** A photo (sent as a photo) rather than a file (sent as a document). */
  asPhoto: boolean;
  text: string | null;
}

/** What the owner attached by replying to a project message. */
export type AttachmentKind = "final_render" | "pdf" | "note";

export interface NewAttachment {
  kind: AttachmentKind;
  telegramFileId?: string;
  /** The note, or the caption of a file. */
  text?: string;
  /** Kind-specific details: file name, MIME type, size, whether an image came as a file. */
  details?: Record<string, string | number | boolean>;
  /** The paragraph(s) mirrored to the project's Notion page, already in the owner's language. */
  notionText: string;
}

/** Project assets added by the owner; each addition re-syncs the Notion page through the outbox. */
export class AssetRepository {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;

  constructor(db: Db, outbox: NotionOutbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** The project's attachments, oldest first (renders, PDFs and notes; moodboards and texts have their own screens). */
  async attachments(projectId: number): Promise<AttachmentView[]> {
    const rows = await this.db.projectAsset.findMany({
      where: { projectId, kind: { in: ATTACHMENT_KINDS } },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => ({
      kind: row.kind,
      fileId: row.telegramFileId,
      asPhoto: row.kind === "final_render" && JSON.parse(row.meta ?? "{}").asDocument !== true,
      text: row.text,
    }));
  }

  /** Returns the new asset's id, or null when the project no longer exists. */
  async attach(projectId: number, input: NewAttachment): Promise<number | null> {
    return this.outbox.transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!project) return null;
      const meta = JSON.stringify({ ...input.details, notion: input.notionText });
      const asset = await tx.projectAsset.create({
        data: {
          projectId,
          kind: input.kind,
          telegramFileId: input.telegramFileId ?? null,
          text: input.text ?? null,
          meta,
        },
      });
      await this.outbox.upsert(tx, projectId);
      return asset.id;
    });
  }
}

/** The Notion lines of a project's attachments, oldest first (the page body lists them after the description). */
export async function notionAttachmentLines(db: Db, projectId: number): Promise<string[]> {
  const assets = await db.projectAsset.findMany({
    where: { projectId, meta: { contains: '"notion"' } },
    orderBy: { id: "asc" },
    select: { meta: true },
  });
  return assets.flatMap((asset) => {
    try {
      const line = JSON.parse(asset.meta ?? "{}").notion;
      return typeof line === "string" && line ? [line] : [];
    } catch {
      return [];
    }
  });
}
