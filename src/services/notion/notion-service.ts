import { APIResponseError, type Client, type CreatePageParameters } from "@notionhq/client";
import { appendImageOnce, isImageBlock, type NotionImage } from "./notion-images.ts";
import { blockMatches, bodyBlocks, pageBody, pageTitleText, richText, type ParagraphBlock } from "./notion-blocks.ts";
import type { ProjectSnapshot } from "../../domain/project.ts";

import type { NotionConnection, ResolvedSchema } from "./notion-connection.ts";

export interface NotionService {
  ready(): Promise<void>;
  createPage(p: ProjectSnapshot): Promise<string>;
  updatePage(pageId: string, p: ProjectSnapshot): Promise<void>;
  trashPage(pageId: string): Promise<void>;
  /** Adds the image at the end of the page once (a retry finds it by caption); resolves with its block id. */
  appendImage(pageId: string, image: NotionImage): Promise<string>;
  findPageByTitle(title: string, since: Date): Promise<string | null>;
  pageUrl(pageId: string): string;
  /** Whether pages carry the deadline (NOTION_DEADLINE_PROPERTY_NAME names a Date property). */
  mirrorsDeadline(): Promise<boolean>;
}

type PageProperties = NonNullable<CreatePageParameters["properties"]>;

const MAX_BLOCKS_PER_APPEND = 100;

/** A day as a date; a time as the owner's wall time with their zone (Notion then shows it in that zone). */
function notionDate(deadline: ProjectSnapshot["deadline"]) {
  if (!deadline) return null;
  if (!deadline.time) return { start: deadline.date };
  return { start: `${deadline.date}T${deadline.time}:00`, time_zone: deadline.timeZone as never };
}

function isBlockAlreadyGone(error: unknown): boolean {
  if (!APIResponseError.isAPIResponseError(error)) return false;
  return error.code === "object_not_found" || (error.code === "validation_error" && /\barchived\b/.test(error.message));
}

export function createNotionService(connection: NotionConnection): NotionService {
  const { client, config } = connection;

  /** A write rejected for a property means the schema changed under us: read it again next time. */
  async function withSchema<T>(run: (s: ResolvedSchema) => Promise<T>): Promise<T> {
    const resolved = await connection.schema();
    try {
      return await run(resolved);
    } catch (error) {
      if (APIResponseError.isAPIResponseError(error) && error.code === "validation_error") connection.forgetSchema();
      throw error;
    }
  }

  function properties(s: ResolvedSchema, p: ProjectSnapshot): PageProperties {
    const name = config.statusValues[p.status];
    const status = s.statusType === "status" ? { status: { name } } : { select: { name } };
    const properties: PageProperties = { [s.titleProperty]: { title: richText(p.name) }, [s.statusProperty]: status };
    if (s.deadlineProperty && p.deadline !== undefined)
      properties[s.deadlineProperty] = { date: notionDate(p.deadline) };
    return properties;
  }

  /** At the end of the page, or after the block `after` (then in order, chunk after chunk). */
  async function appendBlocks(pageId: string, blocks: ParagraphBlock[], after?: string): Promise<void> {
    for (let i = 0; i < blocks.length; i += MAX_BLOCKS_PER_APPEND) {
      const result = await client.blocks.children.append({
        block_id: pageId,
        children: blocks.slice(i, i + MAX_BLOCKS_PER_APPEND),
        ...(after ? { after } : {}),
      });
      if (after) after = result.results.at(-1)?.id ?? after;
    }
  }

  async function listChildren(pageId: string) {
    const children = [];
    let cursor: string | undefined;
    do {
      const page = await client.blocks.children.list({ block_id: pageId, page_size: 100, start_cursor: cursor });
      children.push(...page.results);
      cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
    } while (cursor);
    return children;
  }

  /**
   * A block already gone is what was asked for: the request of a killed process can land after the new
   * process listed the page (Notion then answers "archived", or not found once the trash is emptied).
   */
  async function deleteBlockOnce(blockId: string): Promise<void> {
    try {
      await client.blocks.delete({ block_id: blockId });
    } catch (error) {
      if (!isBlockAlreadyGone(error)) throw error;
    }
  }

  async function replaceBody(pageId: string, body: string): Promise<void> {
    const blocks = bodyBlocks(body);
    const children = await listChildren(pageId);
    // Images (saved moodboards' collages, or added by hand) are not part of the text: never removed here.
    const existing = children.filter((child) => !isImageBlock(child));
    // Keep the leading paragraphs that already match: an attachment then costs one append, and a
    // retried update whose body is already right costs nothing.
    let same = 0;
    while (same < existing.length && same < blocks.length && blockMatches(existing[same], blocks[same])) same++;
    if (same === existing.length && same === blocks.length) return;
    const stale = existing.slice(same);
    if (existing.length === children.length) {
      for (const child of stale) await deleteBlockOnce(child.id);
      return appendBlocks(pageId, blocks.slice(same));
    }
    // The text stays above the images: insert after the last kept paragraph (or the first stale one,
    // removed afterwards), then remove the stale ones; a retry after a partial run converges the same way.
    const anchor = existing[same - 1] ?? existing[0];
    await appendBlocks(pageId, blocks.slice(same), anchor?.id);
    for (const child of stale) await deleteBlockOnce(child.id);
  }

  return {
    async ready() {
      await connection.schema();
    },

    createPage: (p) =>
      withSchema(async (s) => {
        const blocks = bodyBlocks(pageBody(p));
        const page = await client.pages.create({
          parent: { type: "data_source_id", data_source_id: s.dataSourceId },
          properties: properties(s, p),
          children: blocks.slice(0, MAX_BLOCKS_PER_APPEND),
        });
        await appendBlocks(page.id, blocks.slice(MAX_BLOCKS_PER_APPEND));
        return page.id;
      }),

    updatePage: (pageId, p) =>
      withSchema(async (s) => {
        await client.pages.update({ page_id: pageId, properties: properties(s, p) });
        await replaceBody(pageId, pageBody(p));
      }),

    async trashPage(pageId) {
      try {
        await client.pages.update({ page_id: pageId, in_trash: true });
      } catch (error) {
        if (APIResponseError.isAPIResponseError(error) && error.code === "object_not_found") return;
        throw error;
      }
    },

    async appendImage(pageId, image) {
      return appendImageOnce(client, pageId, image, await listChildren(pageId));
    },

    findPageByTitle: (title, since) => withSchema((s) => findNewestByTitle(client, s, title, since)),

    pageUrl: (pageId) => `https://www.notion.so/${pageId.replace(/-/g, "")}`,

    mirrorsDeadline: async () => Boolean((await connection.schema()).deadlineProperty),
  };
}

async function findNewestByTitle(
  client: Client,
  s: ResolvedSchema,
  title: string,
  since: Date,
): Promise<string | null> {
  let cursor: string | undefined;
  do {
    const result = await client.dataSources.query({
      data_source_id: s.dataSourceId,
      filter: {
        and: [
          { property: s.titleProperty, title: { equals: title } },
          { timestamp: "created_time", created_time: { on_or_after: since.toISOString() } },
        ],
      },
      sorts: [{ timestamp: "created_time", direction: "descending" }],
      page_size: 25,
      start_cursor: cursor,
    });
    // The filter may be looser than byte equality (case, whitespace): confirm on our side.
    for (const page of result.results) {
      if (page.object !== "page" || !("properties" in page)) continue;
      if (Date.parse(page.created_time) < since.getTime()) continue;
      if (pageTitleText(page.properties[s.titleProperty]) === title) return page.id;
    }
    cursor = result.has_more && result.next_cursor ? result.next_cursor : undefined;
  } while (cursor);
  return null;
}
