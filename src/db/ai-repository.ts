import type { Db } from "./client.ts";
import type { NotionOutbox } from "./notion-outbox.ts";

export type DraftKind = "moodboard" | "voice";
export type TextKind = "card_text" | "social_text";

export interface Draft<T> {
  id: number;
  kind: DraftKind;
  projectId: number | null;
  data: T;
}

export interface MoodboardTile {
  fileId: string;
  seed: number;
  /** Fal's URL, kept only to fetch the original file while it lives (days). */
  url: string;
  /** How this tile was made (a board's tiles can differ: one re-rolled, four varied): its prompt and model… */
  prompt?: string;
  model?: string;
  source?: MoodboardSource;
  /** …and the picture it started from (the reference, or the tile it varies), as Telegram keeps it. */
  fromFileId?: string;
}

export interface SavedMoodboard {
  id: number;
  collageFileId: string;
  prompt: string;
  seed: number;
  model: string;
  aspect: string;
  /** What the images were made from: the words, the reference picture, or one tile varied. */
  source: MoodboardSource;
  createdAt: string;
}

/** From the description; from the reference and the description; from the photo alone; variations of a tile. */
export type MoodboardSource = "words" | "reference" | "photo" | "vary";

export interface ProjectTexts {
  card?: { id: number; text: string };
  social?: { id: number; text: string };
}

/** Newest card and social texts of a project (what the PDF generator puts on a card). */
export async function latestTexts(db: Db, projectId: number): Promise<ProjectTexts> {
  const [card, social] = await Promise.all(
    (["card_text", "social_text"] as const).map((kind) =>
      db.projectAsset.findFirst({ where: { projectId, kind }, orderBy: { id: "desc" } }),
    ),
  );
  return {
    card: card?.text ? { id: card.id, text: card.text } : undefined,
    social: social?.text ? { id: social.id, text: social.text } : undefined,
  };
}

/** A saved moodboard as its asset row and the meta written by saveMoodboard keep it. */
const SOURCES: readonly MoodboardSource[] = ["words", "reference", "photo", "vary"];
const sourceOf = (value: unknown): MoodboardSource =>
  SOURCES.includes(value as MoodboardSource) ? (value as MoodboardSource) : "words";

function savedMoodboardOf(row: {
  id: number;
  telegramFileId: string | null;
  meta: string | null;
  createdAt: Date;
}): SavedMoodboard {
  const meta = JSON.parse(row.meta ?? "{}");
  return {
    id: row.id,
    collageFileId: row.telegramFileId ?? "",
    prompt: meta.prompt ?? "",
    seed: meta.seed ?? 0,
    model: meta.model ?? "",
    aspect: meta.aspect ?? "1x1",
    source: sourceOf(meta.source),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Drafts of AI results and the assets they become: moodboards and texts. */
export class AiRepository {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;

  constructor(db: Db, outbox: NotionOutbox) {
    this.db = db;
    this.outbox = outbox;
  }

  async createDraft<T>(kind: DraftKind, projectId: number | null, data: T): Promise<Draft<T>> {
    const row = await this.db.aiDraft.create({ data: { kind, projectId, data: JSON.stringify(data) } });
    return { id: row.id, kind, projectId, data };
  }

  async getDraft<T>(id: number, kind: DraftKind): Promise<Draft<T> | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.aiDraft.findUnique({ where: { id } });
    if (!row || row.kind !== kind) return null;
    return { id: row.id, kind, projectId: row.projectId, data: JSON.parse(row.data) as T };
  }

  async updateDraft<T>(id: number, data: T): Promise<void> {
    await this.db.aiDraft.update({ where: { id }, data: { data: JSON.stringify(data) } });
  }

  async deleteDraft(id: number): Promise<void> {
    await this.db.aiDraft.deleteMany({ where: { id } });
  }

  /**
   * Saves the four tiles and the collage in one transaction; null when the
   * project no longer exists (nothing is written then). With Notion on, the
   * same transaction queues the collage for the project's page (captioned by
   * `notionCaption(assetId)`, which also tells a retry it is already there).
   */
  async saveMoodboard(
    projectId: number,
    input: {
      collageFileId: string;
      tiles: MoodboardTile[];
      prompt: string;
      seed: number;
      model: string;
      aspect: string;
      source?: MoodboardSource;
      notionCaption?: (assetId: number) => string;
    },
  ): Promise<number | null> {
    return this.outbox.transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!project) return null;
      const common = {
        prompt: input.prompt,
        model: input.model,
        aspect: input.aspect,
        source: input.source ?? "words",
      };
      const imageIds: number[] = [];
      for (const [index, tile] of input.tiles.entries()) {
        const made = {
          ...common,
          ...(tile.prompt !== undefined ? { prompt: tile.prompt } : {}),
          ...(tile.model ? { model: tile.model } : {}),
          ...(tile.source ? { source: tile.source } : {}),
          ...(tile.fromFileId ? { fromFileId: tile.fromFileId } : {}),
        };
        const meta = JSON.stringify({ ...made, seed: tile.seed, tile: index + 1, falUrl: tile.url });
        imageIds.push(
          (
            await tx.projectAsset.create({
              data: { projectId, kind: "moodboard_image", telegramFileId: tile.fileId, meta },
            })
          ).id,
        );
      }
      const meta = { ...common, seed: input.seed, images: imageIds };
      const board = await tx.projectAsset.create({
        data: { projectId, kind: "moodboard", telegramFileId: input.collageFileId, meta: JSON.stringify(meta) },
      });
      if (this.outbox.enabled && input.notionCaption) {
        await tx.projectAsset.update({
          where: { id: board.id },
          data: { meta: JSON.stringify({ ...meta, notionCaption: input.notionCaption(board.id) }) },
        });
        await this.outbox.add(tx, { projectId, kind: "image", payload: { assetId: board.id } });
      }
      return board.id;
    });
  }

  async listMoodboards(projectId: number, limit = 10): Promise<SavedMoodboard[]> {
    const rows = await this.db.projectAsset.findMany({
      where: { projectId, kind: "moodboard" },
      orderBy: { id: "desc" },
      take: limit,
    });
    return rows.map(savedMoodboardOf);
  }

  async getMoodboard(id: number): Promise<
    | (SavedMoodboard & {
        projectId: number;
        imageFileIds: string[];
        /** Each tile's seed and how it was made, in order. */
        tiles: { seed: number; source: MoodboardSource; model: string }[];
      })
    | null
  > {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.projectAsset.findUnique({ where: { id } });
    if (!row || row.kind !== "moodboard") return null;
    const meta = JSON.parse(row.meta ?? "{}");
    const images = await this.db.projectAsset.findMany({
      where: { id: { in: meta.images ?? [] } },
      orderBy: { id: "asc" },
    });
    return {
      ...savedMoodboardOf(row),
      projectId: row.projectId,
      imageFileIds: images.map((image) => image.telegramFileId ?? "").filter(Boolean),
      tiles: images.map((image) => {
        const tile = JSON.parse(image.meta ?? "{}");
        return { seed: Number(tile.seed) || 0, source: sourceOf(tile.source), model: String(tile.model ?? "") };
      }),
    };
  }

  /** Saves both texts together (never one without the other); null when the project is gone. */
  async saveTexts(
    projectId: number,
    texts: { card: string; social: string },
    meta: { model: string },
  ): Promise<{ cardId: number; socialId: number } | null> {
    return this.db.$transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!project) return null;
      const json = JSON.stringify(meta);
      const card = await tx.projectAsset.create({
        data: { projectId, kind: "card_text", text: texts.card, meta: json },
      });
      const social = await tx.projectAsset.create({
        data: { projectId, kind: "social_text", text: texts.social, meta: json },
      });
      return { cardId: card.id, socialId: social.id };
    });
  }

  async getText(id: number): Promise<{ id: number; projectId: number; kind: TextKind; text: string } | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.projectAsset.findUnique({ where: { id } });
    if (!row || (row.kind !== "card_text" && row.kind !== "social_text")) return null;
    return { id: row.id, projectId: row.projectId, kind: row.kind, text: row.text ?? "" };
  }

  async updateText(id: number, text: string, meta: Record<string, string>): Promise<boolean> {
    const { count } = await this.db.projectAsset.updateMany({
      where: { id },
      data: { text, meta: JSON.stringify(meta) },
    });
    return count === 1;
  }

  latestTexts(projectId: number): Promise<ProjectTexts> {
    return latestTexts(this.db, projectId);
  }
}
