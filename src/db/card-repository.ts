import type { Db } from "./client.ts";
import type { NotionOutbox, Tx } from "./notion-outbox.ts";
import { oncePerUpdate } from "./update-marks.ts";

export interface RenderFile {
  fileId: string;
  /** Sent as an image file (document) rather than a photo. */
  asDocument: boolean;
}

export interface GeneratedCard {
  /** An existing project, or a manual one saved now as a new archived project. */
  target: { projectId: number } | { newProject: { name: string; description: string } };
  pdfFileId: string;
  pdfName: string;
  templateName: string;
  cardText: string;
  socialText: string;
  /** The owner's draft the texts were made from. */
  draft: string;
  renders: RenderFile[];
}

/** The content generator's results: the sent PDF, both texts and the renders, as project assets. */
export class CardRepository {
  private readonly db: Db;
  private readonly outbox: NotionOutbox;

  constructor(db: Db, outbox: NotionOutbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /**
   * One transaction; returns the project's id, or null when an existing project disappeared meanwhile.
   * `onceKey` (the Telegram update's id): a re-delivered update does not save the card twice.
   */
  async save(card: GeneratedCard, onceKey?: string): Promise<number | null> {
    return this.outbox.transaction(async (tx) => {
      if (
        !("newProject" in card.target) &&
        !(await tx.project.findUnique({ where: { id: card.target.projectId }, select: { id: true } }))
      )
        return null;
      return oncePerUpdate(tx, onceKey, () => this.write(tx, card));
    });
  }

  private async write(tx: Tx, card: GeneratedCard): Promise<number> {
    let projectId: number;
    if ("newProject" in card.target) {
      const { name, description } = card.target.newProject;
      const project = await tx.project.create({
        data: { name, description, status: "archived", archiveReason: "completed" },
      });
      projectId = project.id;
      await this.outbox.upsert(tx, projectId);
    } else {
      projectId = card.target.projectId;
    }
    const meta = (details: Record<string, unknown>) => JSON.stringify({ generator: true, ...details });
    await tx.projectAsset.create({
      data: {
        projectId,
        kind: "generated_pdf",
        telegramFileId: card.pdfFileId,
        meta: meta({ fileName: card.pdfName, template: card.templateName }),
      },
    });
    await tx.projectAsset.create({
      data: { projectId, kind: "card_text", text: card.cardText, meta: meta({ draft: card.draft }) },
    });
    await tx.projectAsset.create({
      data: { projectId, kind: "social_text", text: card.socialText, meta: meta({ draft: card.draft }) },
    });
    for (const render of card.renders) {
      await tx.projectAsset.create({
        data: {
          projectId,
          kind: "final_render",
          telegramFileId: render.fileId,
          meta: meta({ asDocument: render.asDocument }),
        },
      });
    }
    return projectId;
  }
}
