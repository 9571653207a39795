import type { Client } from "@notionhq/client";
import { plainText, textChunks } from "./notion-blocks.ts";

/** An image for a page body (a saved moodboard's collage); the caption tells our own images apart. */
export interface NotionImage {
  bytes: Buffer;
  filename: string;
  contentType: string;
  caption: string;
}

export function isImageBlock(block: object): boolean {
  return "type" in block && block.type === "image";
}

function captionText(block: object): string {
  if (!isImageBlock(block) || !("image" in block) || !block.image || typeof block.image !== "object") return "";
  return "caption" in block.image ? plainText(block.image.caption) : "";
}

/**
 * Uploads the file (File Upload API, single part) and appends it as an image
 * block at the end of the page. An image with the same caption already on the
 * page means an earlier attempt got through (its answer was lost): its block
 * is returned and nothing is uploaded twice.
 */
export async function appendImageOnce(
  client: Client,
  pageId: string,
  image: NotionImage,
  children: object[],
): Promise<string> {
  const existing = children.find((child) => captionText(child) === image.caption);
  if (existing && "id" in existing) return String(existing.id);
  const upload = await client.fileUploads.create({
    mode: "single_part",
    filename: image.filename,
    content_type: image.contentType,
  });
  const data = new Blob([new Uint8Array(image.bytes)], { type: image.contentType });
  await client.fileUploads.send({ file_upload_id: upload.id, file: { filename: image.filename, data } });
  const caption = textChunks(image.caption).map((content) => ({ type: "text" as const, text: { content } }));
  const appended = await client.blocks.children.append({
    block_id: pageId,
    children: [{ type: "image", image: { type: "file_upload", file_upload: { id: upload.id }, caption } }],
  });
  const block = appended.results[0];
  if (!block) throw new Error("Notion appended no block for the image");
  return block.id;
}
