import { APIResponseError, Client, LogLevel } from "@notionhq/client";
import type { Logger } from "pino";
import { NotionSetupError } from "./notion-errors.ts";

export interface NotionConfig {
  apiKey: string;
  databaseId: string;
  titleProperty: string;
  statusProperty: string;
  /** A Date property mirrored from the project's deadline (optional). */
  deadlineProperty?: string;
  statusValues: { idea: string; active: string; archived: string };
  baseUrl?: string;
}

export interface ResolvedSchema {
  dataSourceId: string;
  titleProperty: string;
  statusProperty: string;
  statusType: "select" | "status";
  deadlineProperty?: string;
}

type SchemaProperty = {
  type: string;
  name: string;
  select?: { options: { name: string }[] };
  status?: { options: { name: string }[] };
};

/**
 * The one Notion client and the one cached schema (data source, title and status columns), shared by the outbox
 * (writes) and the pull (reads).
 */
export interface NotionConnection {
  readonly client: Client;
  readonly config: NotionConfig;
  /** The resolved schema; looked up once, and again after a failed lookup or `forgetSchema`. */
  schema(): Promise<ResolvedSchema>;
  /** A write was refused for a property: the columns changed under us, read them again next time. */
  forgetSchema(): void;
}

export function createNotionConnection(
  config: NotionConfig,
  options: { timeoutMs?: number; logger?: Logger } = {},
): NotionConnection {
  const client = new Client({
    auth: config.apiKey,
    baseUrl: config.baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    notionVersion: "2025-09-03",
    retry: false, // the outbox retries with its own backoff and knows which writes are uncertain; the pull polls again
    logLevel: options.logger ? LogLevel.DEBUG : LogLevel.ERROR,
    logger: options.logger ? sdkLogger(options.logger) : () => undefined,
  });
  let schema: Promise<ResolvedSchema> | null = null;
  return {
    client,
    config,
    schema() {
      schema ??= resolveSchema(client, config).catch((error: unknown) => {
        schema = null; // a failed lookup (outage, schema being fixed) is tried again next time
        throw error;
      });
      return schema;
    },
    forgetSchema() {
      schema = null;
    },
  };
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
    ...deadlineColumn(props, config.deadlineProperty),
  };
}

/** NOTION_DEADLINE_PROPERTY_NAME, when set, must name a Date property. */
function deadlineColumn(props: SchemaProperty[], name: string | undefined): { deadlineProperty?: string } {
  if (!name) return {};
  const property = props.find((p) => p.name === name);
  if (!property) throw new NotionSetupError("bad_property", `no property named ${name}`);
  if (property.type !== "date")
    throw new NotionSetupError("bad_property", `property ${name} is of type ${property.type}; it must be date`);
  return { deadlineProperty: name };
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
