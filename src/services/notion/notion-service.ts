import { APIResponseError, Client, LogLevel, type CreatePageParameters } from "@notionhq/client";
import type { Logger } from "pino";
import { NotionSetupError } from "./notion-errors.ts";
import { appendImageOnce, isImageBlock, type NotionImage } from "./notion-images.ts";
import { blockMatches, bodyBlocks, pageBody, pageTitleText, richText, type ParagraphBlock } from "./notion-blocks.ts";
import type { ProjectSnapshot } from "../../domain/project.ts";

export type { ProjectSnapshot, ProjectStatus } from "../../domain/project.ts";

export interface NotionConfig {
  apiKey: string;
  databaseId: string;
  titleProperty: string;
  statusProperty: string;
  statusValues: { idea: string; active: string; archived: string };
  baseUrl?: string;
}

export interface NotionService {
  ready(): Promise<void>;
  createPage(p: ProjectSnapshot): Promise<string>;
  updatePage(pageId: string, p: ProjectSnapshot): Promise<void>;
  trashPage(pageId: string): Promise<void>;
  /** Adds the image at the end of the page once (a retry finds it by caption); resolves with its block id. */
  appendImage(pageId: string, image: NotionImage): Promise<string>;
  findPageByTitle(title: string, since: Date): Promise<string | null>;
  pageUrl(pageId: string): string;
}

export interface ResolvedSchema {
  dataSourceId: string;
  titleProperty: string;
  statusProperty: string;
  statusType: "select" | "status";
}

type PageProperties = NonNullable<CreatePageParameters["properties"]>;
type SchemaProperty = {
  type: string;
  name: string;
  select?: { options: { name: string }[] };
  status?: { options: { name: string }[] };
};

const MAX_BLOCKS_PER_APPEND = 100;

export function createNotionService(
  config: NotionConfig,
  options: { timeoutMs?: number; logger?: Logger } = {},
): NotionService {
  const client = new Client({
    auth: config.apiKey,
    baseUrl: config.baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    notionVersion: "2025-09-03",
    retry: false, // the outbox retries with its own backoff and knows which writes are uncertain
    logLevel: options.logger ? LogLevel.DEBUG : LogLevel.ERROR,
    logger: options.logger ? sdkLogger(options.logger) : () => undefined,
  });
  let schema: Promise<ResolvedSchema> | null = null;

  function ensureSchema(): Promise<ResolvedSchema> {
    schema ??= resolveSchema(client, config).catch((error: unknown) => {
      schema = null; // a failed lookup (outage, schema being fixed) is tried again next time
      throw error;
    });
    return schema;
  }

  /** A write rejected for a property means the schema changed under us: read it again next time. */
  async function withSchema<T>(run: (s: ResolvedSchema) => Promise<T>): Promise<T> {
    const resolved = await ensureSchema();
    try {
      return await run(resolved);
    } catch (error) {
      if (APIResponseError.isAPIResponseError(error) && error.code === "validation_error") schema = null;
      throw error;
    }
  }

  function properties(s: ResolvedSchema, p: ProjectSnapshot): PageProperties {
    const name = config.statusValues[p.status];
    const status = s.statusType === "status" ? { status: { name } } : { select: { name } };
    return { [s.titleProperty]: { title: richText(p.name) }, [s.statusProperty]: status };
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
      for (const child of stale) await client.blocks.delete({ block_id: child.id });
      return appendBlocks(pageId, blocks.slice(same));
    }
    // The text stays above the images: insert after the last kept paragraph (or the first stale one,
    // removed afterwards), then remove the stale ones; a retry after a partial run converges the same way.
    const anchor = existing[same - 1] ?? existing[0];
    await appendBlocks(pageId, blocks.slice(same), anchor?.id);
    for (const child of stale) await client.blocks.delete({ block_id: child.id });
  }

  return {
    async ready() {
      await ensureSchema();
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

export async function resolveSchema(client: Client, config: NotionConfig): Promise<ResolvedSchema> {
  const dataSource = await retrieveDataSource(client, config.databaseId);
  const props = Object.values(dataSource.properties as Record<string, SchemaProperty>);
  const title =
    props.find((p) => p.name === config.titleProperty && p.type === "title") ?? props.find((p) => p.type === "title");
  if (!title)
    throw new NotionSetupError("bad_property", `no property named ${config.titleProperty} (and no title property)`);
  const status = props.find((p) => p.name === config.statusProperty);
  if (!status) throw new NotionSetupError("bad_property", `no property named ${config.statusProperty}`);
  if (status.type !== "select" && status.type !== "status") {
    throw new NotionSetupError(
      "bad_property",
      `property ${status.name} is of type ${status.type}; it must be select or status`,
    );
  }
  checkStatusOptions(status, Object.values(config.statusValues));
  return {
    dataSourceId: dataSource.id,
    titleProperty: title.name,
    statusProperty: status.name,
    statusType: status.type,
  };
}

/** Select options are created on write; a status property only accepts its existing options. */
function checkStatusOptions(status: SchemaProperty, wanted: string[]): void {
  if (status.type !== "status") return;
  const options = status.status?.options;
  if (!options || options.length === 0) return;
  const missing = wanted.filter((name) => !options.some((o) => o.name === name));
  if (missing.length > 0) {
    throw new NotionSetupError(
      "bad_property",
      `property ${status.name} has no option named ${missing.map((m) => `"${m}"`).join(", ")}`,
    );
  }
}

/** NOTION_DB_ID may name a database (we take its first data source) or a data source directly. */
async function retrieveDataSource(client: Client, id: string): Promise<{ id: string; properties: unknown }> {
  let dataSourceId: string;
  try {
    const database = await client.databases.retrieve({ database_id: id });
    const first = "data_sources" in database ? database.data_sources[0] : undefined;
    if (!first)
      throw new NotionSetupError(
        "not_shared",
        "the Notion database has no data source the integration can see — share it with the integration",
      );
    dataSourceId = first.id;
  } catch (error) {
    if (!isNotFoundOrInvalid(error)) throw error;
    try {
      return asFullDataSource(await client.dataSources.retrieve({ data_source_id: id }));
    } catch (second) {
      throw isNotFoundOrInvalid(second) ? error : second;
    }
  }
  return asFullDataSource(await client.dataSources.retrieve({ data_source_id: dataSourceId }));
}

function asFullDataSource(response: { id: string } & object): { id: string; properties: unknown } {
  if (!("properties" in response))
    throw new NotionSetupError("not_shared", "the Notion data source is not readable by the integration");
  return { id: response.id, properties: response.properties };
}

function isNotFoundOrInvalid(error: unknown): boolean {
  return (
    APIResponseError.isAPIResponseError(error) &&
    (error.code === "object_not_found" || error.code === "validation_error")
  );
}

function sdkLogger(logger: Logger) {
  return (level: LogLevel, message: string, extra: Record<string, unknown>) => {
    const data = { notion: extra };
    if (level === LogLevel.ERROR) logger.error(data, `notion: ${message}`);
    // Failed requests are reported by the caller (the outbox worker) with their outcome.
    else if (level === LogLevel.WARN && message !== "request fail") logger.warn(data, `notion: ${message}`);
    else if (level === LogLevel.INFO) logger.debug(data, `notion: ${message}`);
    else logger.trace(data, `notion: ${message}`);
  };
}
