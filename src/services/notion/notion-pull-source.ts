import { pageTitleText, plainText } from "./notion-blocks.ts";
import type { NotionConnection, ResolvedSchema } from "./notion-connection.ts";

/** What the pull needs of a Notion page: its title, its status option's name and when it was last edited. */
export interface PulledPage {
  id: string;
  title: string;
  /** The status option's name; null when the property is empty. */
  statusOption: string | null;
  /** ISO time; Notion rounds it down to the minute. */
  lastEditedTime: string;
  /** The deadline column's start as Notion gives it (a day, or a moment with its offset); null when empty,
   * undefined when no deadline column is configured. */
  deadline?: string | null;
}

export interface NotionPullSource {
  /** Pages of the data source edited at or after `since` (every page when null), oldest edit first. */
  editedSince(since: Date | null): Promise<PulledPage[]>;
  /** One page with its body as plain text (one line per text block). */
  readPage(pageId: string): Promise<PulledPage & { body: string; inTrash: boolean }>;
  /** The page body's text blocks, one entry each, in page order (images and other blocks left out). */
  bodyLines(pageId: string): Promise<string[]>;
  /** Sets only the status property (an imported page joins the column of its new local status). */
  writeStatus(pageId: string, option: string): Promise<void>;
}

/** A full scan of a huge database is cut here; the rest is seen on later polls once edited. */
const MAX_PAGES_PER_POLL = 2000;

export function createNotionPullSource(connection: NotionConnection): NotionPullSource {
  const { client } = connection;
  const ensureSchema = () => connection.schema();

  function toPulled(
    s: ResolvedSchema,
    page: { id: string; last_edited_time: string; properties: Record<string, unknown> },
  ): PulledPage {
    return {
      id: page.id,
      title: pageTitleText(page.properties[s.titleProperty]),
      statusOption: statusName(page.properties[s.statusProperty]),
      lastEditedTime: page.last_edited_time,
      ...(s.deadlineProperty ? { deadline: dateStart(page.properties[s.deadlineProperty]) } : {}),
    };
  }

  async function bodyLines(pageId: string): Promise<string[]> {
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.blocks.children.list({ block_id: pageId, page_size: 100, start_cursor: cursor });
      for (const block of page.results) {
        // Images (moodboard collages) carry a caption, not rich_text: they are never text.
        if (!("type" in block) || block.type === "image") continue;
        const content = (block as Record<string, unknown>)[block.type];
        if (content && typeof content === "object" && "rich_text" in content) lines.push(plainText(content.rich_text));
      }
      cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
    } while (cursor);
    return lines;
  }

  return {
    async editedSince(since) {
      const s = await ensureSchema();
      const pages: PulledPage[] = [];
      let cursor: string | undefined;
      do {
        const result = await client.dataSources.query({
          data_source_id: s.dataSourceId,
          filter: since
            ? { timestamp: "last_edited_time", last_edited_time: { on_or_after: since.toISOString() } }
            : undefined,
          sorts: [{ timestamp: "last_edited_time", direction: "ascending" }],
          page_size: 100,
          start_cursor: cursor,
        });
        for (const page of result.results) {
          if (page.object === "page" && "properties" in page) pages.push(toPulled(s, page));
        }
        cursor =
          result.has_more && result.next_cursor && pages.length < MAX_PAGES_PER_POLL ? result.next_cursor : undefined;
      } while (cursor);
      return pages;
    },

    async readPage(pageId) {
      const s = await ensureSchema();
      const page = await client.pages.retrieve({ page_id: pageId });
      if (!("properties" in page)) throw new Error(`Notion page ${pageId} is not readable`);
      const inTrash = page.in_trash || page.archived;
      return { ...toPulled(s, page), inTrash, body: inTrash ? "" : (await bodyLines(pageId)).join("\n").trim() };
    },

    bodyLines,

    async writeStatus(pageId, option) {
      const s = await ensureSchema();
      const value = s.statusType === "status" ? { status: { name: option } } : { select: { name: option } };
      await client.pages.update({ page_id: pageId, properties: { [s.statusProperty]: value } });
    },
  };
}

function statusName(property: unknown): string | null {
  if (!property || typeof property !== "object" || !("type" in property)) return null;
  const value = (property as Record<string, unknown>)[String(property.type)];
  return value && typeof value === "object" && "name" in value && typeof value.name === "string" ? value.name : null;
}

function dateStart(property: unknown): string | null {
  if (!property || typeof property !== "object" || !("date" in property)) return null;
  const { date } = property as { date: unknown };
  return date && typeof date === "object" && "start" in date && typeof date.start === "string" ? date.start : null;
}
