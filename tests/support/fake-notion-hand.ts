import { randomUUID } from "node:crypto";
import { minuteFloor } from "./fake-notion-shapes.ts";
import type { FakeNotion, FakePage } from "./fake-notion.ts";

/** Edits the fake Notion "by hand" (as a person in the Notion app would), bypassing the API. */

export interface HandEdit {
  title?: string;
  status?: string;
  /** Rewrites the page's blocks (paragraphs and images, in page order). */
  body?: (blocks: FakePage["blocks"]) => FakePage["blocks"];
  /** When the edit happened (default now); lets a test place an edit in a later minute than a local change. */
  at?: Date;
}

export function editByHand(notion: FakeNotion, pageId: string, edit: HandEdit): FakePage {
  const page = notion.pages.find((p) => p.id === pageId);
  if (!page) throw new Error(`no page ${pageId} in the fake Notion`);
  if (edit.title !== undefined) page.title = edit.title;
  if (edit.status !== undefined) page.status = edit.status;
  if (edit.body) page.blocks = edit.body(page.blocks);
  page.lastEditedAt = (edit.at ?? new Date()).getTime();
  return page;
}

export function createByHand(
  notion: FakeNotion,
  page: { title: string; status?: string | null; body?: string[]; at?: Date },
): FakePage {
  const at = page.at ?? new Date();
  const created: FakePage = {
    id: randomUUID(),
    dataSourceId: notion.dataSourceId,
    createdTime: minuteFloor(at),
    lastEditedAt: at.getTime(),
    title: page.title,
    status: page.status ?? null,
    blocks: (page.body ?? []).map((text) => ({ id: randomUUID(), text })),
    inTrash: false,
  };
  notion.pages.push(created);
  return created;
}

export function paragraphByHand(text: string): FakePage["blocks"][number] {
  return { id: randomUUID(), text };
}

/** An image block as a saved moodboard leaves it: an uploaded file with a caption. */
export function imageByHand(notion: FakeNotion, caption: string): FakePage["blocks"][number] {
  const upload = {
    id: randomUUID(),
    filename: "moodboard.jpg",
    contentType: "image/jpeg",
    status: "uploaded" as const,
    bytes: Buffer.from([0xff, 0xd8, 0xff]),
    attachedTo: [] as string[],
  };
  notion.files.uploads.push(upload);
  const block = { id: randomUUID(), text: "", image: { fileUploadId: upload.id, caption } };
  upload.attachedTo.push(block.id);
  return block;
}
