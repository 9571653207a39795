import type { ProjectSnapshot } from "../../domain/project.ts";
import { normalizeDescription } from "../../domain/description.ts";

// Literal text → rich_text / paragraph blocks, and back.

const MAX_TEXT_CHUNK = 2000;
const MAX_RICH_TEXT_ITEMS = 100;

type TextItem = { type: "text"; text: { content: string } };
export type ParagraphBlock = { object: "block"; type: "paragraph"; paragraph: { rich_text: TextItem[] } };

/** Splits into ≤2000 UTF-16 unit pieces without cutting a surrogate pair in half. */
export function textChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + MAX_TEXT_CHUNK, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** Plain `text` items only: Notion stores the content verbatim, nothing is parsed as markdown. */
export function richText(text: string): TextItem[] {
  return textChunks(text).map((content) => ({ type: "text", text: { content } }));
}

/** One paragraph per line so the page reads naturally; joining the paragraphs with "\n" gives the text back. */
export function bodyBlocks(description: string): ParagraphBlock[] {
  if (description === "") return [];
  return description.split("\n").flatMap((line) => {
    const items = richText(line);
    const blocks: ParagraphBlock[] = [];
    for (let i = 0; i < items.length; i += MAX_RICH_TEXT_ITEMS)
      blocks.push(paragraph(items.slice(i, i + MAX_RICH_TEXT_ITEMS)));
    return blocks.length > 0 ? blocks : [paragraph([])];
  });
}

function paragraph(items: TextItem[]): ParagraphBlock {
  return { object: "block", type: "paragraph", paragraph: { rich_text: items } };
}

export function plainText(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return items
    .map((item: { plain_text?: string; text?: { content?: string } }) => item.text?.content ?? item.plain_text ?? "")
    .join("");
}

export function pageTitleText(property: unknown): string {
  return property && typeof property === "object" && "title" in property ? plainText(property.title) : "";
}

export function blockMatches(block: object, wanted: ParagraphBlock): boolean {
  if (!("type" in block) || block.type !== "paragraph" || !("paragraph" in block)) return false;
  const content = block.paragraph as { rich_text?: unknown; children?: unknown };
  return (
    !("has_children" in block && block.has_children) &&
    plainText(content.rich_text) === plainText(wanted.paragraph.rich_text)
  );
}

/** The page body: the description, then the attachments' paragraphs. */
export function pageBody(p: Pick<ProjectSnapshot, "description" | "attachments">): string {
  return [p.description, ...(p.attachments ?? [])].filter((part) => part !== "").join("\n");
}

/**
 * The description part of a page body read back (one entry per text block, images already left
 * out): the paragraphs the bot wrote for the attachments are taken out, whatever remains is the
 * description. Attachment lines are matched from the end, where the bot writes them.
 */
export function descriptionFromBody(lines: string[], attachments: string[]): string {
  const remaining = [...lines];
  for (const line of attachments
    .flatMap((a) => a.split("\n"))
    .filter((line) => line !== "")
    .reverse()) {
    const at = remaining.lastIndexOf(line);
    if (at >= 0) remaining.splice(at, 1);
  }
  return normalizeDescription(remaining.join("\n"));
}
