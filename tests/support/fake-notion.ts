import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalHttpFake, readBody, sendJson } from "./fake-http-server.ts";
import {
  applyProperties,
  dataSourceJson,
  propertiesJson,
  queryPages,
  type FakePage,
  type FakeSchema,
} from "./fake-notion-data-source.ts";
import { FakeNotionFiles } from "./fake-notion-files.ts";
import {
  FakeError,
  faultError,
  invalid,
  minuteFloor,
  notFound,
  paginate,
  paragraphJson,
  textOf,
  type Json,
} from "./fake-notion-shapes.ts";

export type { FakePage, FakeSchema } from "./fake-notion-data-source.ts";

export interface FakeFault {
  status: number;
  code: string;
  message?: string;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
  /** Apply the write first, then answer with the error (a 5xx after the work was done). */
  afterApply?: boolean;
}

type Handler = (
  body: Json,
  ids: string[],
  query: URLSearchParams,
  form: FormData | null,
) => { status?: number; body: Json | Promise<Json> };
interface ArmedFault {
  fault: FakeFault;
  remaining: number;
  until: number;
  endpoint?: string;
}

/**
 * A Notion API stand-in on 127.0.0.1 for the calls NotionService makes with the real
 * @notionhq/client: databases, data sources (schema + query), pages, block children,
 * file uploads and image blocks.
 */
export class FakeNotion extends LocalHttpFake {
  readonly apiKey: string;
  readonly databaseId = randomUUID();
  readonly dataSourceId = randomUUID();
  readonly schema: FakeSchema;
  readonly pages: FakePage[] = [];
  /** File uploads (POST /v1/file_uploads, then …/send with the bytes). */
  readonly files = new FakeNotionFiles();
  /** Requests per endpoint, e.g. "POST /pages", "PATCH /pages/:id", "DELETE /blocks/:id". */
  readonly counts = new Map<string, number>();
  /** Every request in arrival order with its time (ms) and the status it got. */
  readonly requests: { endpoint: string; at: number; status: number }[] = [];
  /** Bodies of data source queries, in arrival order. */
  readonly queries: Json[] = [];
  private faults: ArmedFault[] = [];
  private delays: { ms: number; endpoint?: string }[] = [];
  /** Every answer waits this long (the real Notion: 0.3–1 s a request); one-off delays come on top. */
  latencyMs = 0;
  private holds: { ms: number; endpoint?: string }[] = [];
  private readonly trashedBlocks = new Set<string>();
  private timers = new Set<NodeJS.Timeout>();
  private routes: [string, RegExp, Handler][];

  constructor(options: { apiKey?: string; schema?: Partial<FakeSchema> } = {}) {
    super();
    this.apiKey = options.apiKey ?? "secret_fake_notion_key_123";
    this.schema = {
      titleProperty: "Name",
      statusProperty: "Status",
      statusType: "select",
      statusOptions: ["Idea", "Active", "Archived"],
      ...options.schema,
    };
    this.routes = [
      ["GET /databases/:id", /^GET \/v1\/databases\/([^/]+)$/, (_b, [id]) => ({ body: this.database(id) })],
      ["GET /data_sources/:id", /^GET \/v1\/data_sources\/([^/]+)$/, (_b, [id]) => ({ body: this.dataSource(id) })],
      [
        "POST /data_sources/:id/query",
        /^POST \/v1\/data_sources\/([^/]+)\/query$/,
        (b, [id]) => ({ body: this.query(id, b) }),
      ],
      ["POST /pages", /^POST \/v1\/pages$/, (b) => ({ body: this.createPage(b) })],
      ["GET /pages/:id", /^GET \/v1\/pages\/([^/]+)$/, (_b, [id]) => ({ body: this.pageJson(this.page(id)) })],
      ["PATCH /pages/:id", /^PATCH \/v1\/pages\/([^/]+)$/, (b, [id]) => ({ body: this.updatePage(id, b) })],
      [
        "GET /blocks/:id/children",
        /^GET \/v1\/blocks\/([^/]+)\/children$/,
        (_b, [id], q) => ({ body: this.listChildren(id, q) }),
      ],
      [
        "PATCH /blocks/:id/children",
        /^PATCH \/v1\/blocks\/([^/]+)\/children$/,
        (b, [id]) => ({ body: this.appendChildren(id, b) }),
      ],
      ["DELETE /blocks/:id", /^DELETE \/v1\/blocks\/([^/]+)$/, (_b, [id]) => ({ body: this.deleteBlock(id) })],
      ["POST /file_uploads", /^POST \/v1\/file_uploads$/, (b) => ({ body: this.files.create(b) })],
      [
        "POST /file_uploads/:id/send",
        /^POST \/v1\/file_uploads\/([^/]+)\/send$/,
        (_b, [id], _q, form) => ({ body: this.files.send(id, form) }),
      ],
    ];
  }

  override async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await super.close();
  }

  // ---- fault injection and inspection -----------------------------------------------------------

  /** The next `n` requests (to `endpoint` if given) fail with `fault`. */
  failNext(n: number, fault: FakeFault, endpoint?: string): void {
    this.faults.push({ fault, remaining: n, until: Infinity, endpoint });
  }

  /** Every request (to `endpoint` if given) fails with `fault` for the next `ms` milliseconds. */
  failFor(ms: number, fault: FakeFault, endpoint?: string): void {
    this.faults.push({ fault, remaining: Infinity, until: Date.now() + ms, endpoint });
  }

  /** Ends every armed fault (the outage is over). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** The next request (to `endpoint` if given) is applied at once but answered only after `ms`. */
  delayNext(ms: number, endpoint?: string): void {
    this.delays.push({ ms, endpoint });
  }

  /** The next request (to `endpoint` if given) waits `ms` before it is applied (a slow write in flight). */
  holdNext(ms: number, endpoint?: string): void {
    this.holds.push({ ms, endpoint });
  }

  count(endpoint: string): number {
    return this.counts.get(endpoint) ?? 0;
  }

  livePages(): FakePage[] {
    return this.pages.filter((p) => !p.inTrash);
  }

  /** The page body as one string: paragraphs joined with "\n" (images left out). */
  bodyOf(page: FakePage): string {
    return page.blocks
      .filter((b) => !b.image)
      .map((b) => b.text)
      .join("\n");
  }

  /** The page's image blocks with their uploads, in page order. */
  imagesOf(page: FakePage) {
    return page.blocks.flatMap((b) =>
      b.image
        ? [
            {
              blockId: b.id,
              caption: b.image.caption,
              upload: this.files.uploads.find((u) => u.id === b.image!.fileUploadId)!,
            },
          ]
        : [],
    );
  }

  // ---- HTTP plumbing ----------------------------------------------------------------------------

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const route = this.routes.find(([, pattern]) => pattern.test(`${req.method} ${url.pathname}`));
    const endpoint = route?.[0] ?? `${req.method} ${url.pathname}`;
    this.counts.set(endpoint, this.count(endpoint) + 1);
    const fault = this.takeFault(endpoint);
    const delay = this.takeDelay(endpoint) + this.latencyMs;
    const hold = this.holds.findIndex((h) => !h.endpoint || h.endpoint === endpoint);
    if (hold >= 0) await new Promise((resolve) => setTimeout(resolve, this.holds.splice(hold, 1)[0].ms));
    let status = 200;
    let body: Json;
    try {
      this.checkHeaders(req);
      if (!route) throw new FakeError(400, "invalid_request_url", `Invalid request URL: ${endpoint}`);
      if (fault && !fault.afterApply) throw faultError(fault);
      const ids = (route[1].exec(`${req.method} ${url.pathname}`) ?? []).slice(1).map(decodeURIComponent);
      const type = String(req.headers["content-type"] ?? "");
      const form = type.includes("multipart/form-data")
        ? await new Request("http://x/", {
            method: "POST",
            headers: { "content-type": type },
            body: new Uint8Array(raw),
          }).formData()
        : null;
      const answer = route[2](!form && raw.length ? JSON.parse(raw.toString("utf8")) : {}, ids, url.searchParams, form);
      status = answer.status ?? 200;
      body = await answer.body;
      if (fault) throw faultError(fault);
    } catch (error) {
      const e = error instanceof FakeError ? error : new FakeError(500, "internal_server_error", String(error));
      status = e.status;
      body = { object: "error", status: e.status, code: e.code, message: e.message, request_id: randomUUID() };
    }
    this.requests.push({ endpoint, at: Date.now(), status });
    const headers: Record<string, string> =
      fault?.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    if (!delay) return sendJson(res, status, body, headers);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      sendJson(res, status, body, headers);
    }, delay);
    this.timers.add(timer);
  }

  private checkHeaders(req: IncomingMessage): void {
    if (req.headers.authorization !== `Bearer ${this.apiKey}`)
      throw new FakeError(401, "unauthorized", "API token is invalid.");
    if (req.headers["notion-version"] !== "2025-09-03")
      throw invalid(`Notion-Version header missing or unsupported: ${req.headers["notion-version"]}`);
  }

  private takeFault(endpoint: string): FakeFault | undefined {
    this.faults = this.faults.filter((f) => f.remaining > 0 && f.until > Date.now());
    const armed = this.faults.find((f) => !f.endpoint || f.endpoint === endpoint);
    if (!armed) return undefined;
    armed.remaining -= 1;
    return armed.fault;
  }

  private takeDelay(endpoint: string): number {
    const index = this.delays.findIndex((d) => !d.endpoint || d.endpoint === endpoint);
    return index < 0 ? 0 : this.delays.splice(index, 1)[0].ms;
  }

  // ---- endpoints --------------------------------------------------------------------------------

  private database(id: string): Json {
    if (id !== this.databaseId) throw notFound("database", id);
    return {
      object: "database",
      id,
      title: [],
      data_sources: [{ id: this.dataSourceId, name: "Projects" }],
      in_trash: false,
    };
  }

  private dataSource(id: string): Json {
    if (id !== this.dataSourceId) throw notFound("data_source", id);
    return dataSourceJson(id, this.schema);
  }

  private query(id: string, body: Json): Json {
    this.dataSource(id);
    this.queries.push(body);
    return paginate(
      queryPages(this.pages, id, this.schema, body).map((p) => this.pageJson(p)),
      body.start_cursor,
      body.page_size,
    );
  }

  private createPage(body: Json): Json {
    const dataSourceId = body.parent?.data_source_id;
    if (!dataSourceId) throw invalid("body.parent.data_source_id should be defined");
    this.dataSource(dataSourceId);
    const page: FakePage = {
      id: randomUUID(),
      dataSourceId,
      createdTime: minuteFloor(new Date()),
      lastEditedAt: Date.now(),
      title: "",
      status: null,
      blocks: [],
      inTrash: false,
    };
    applyProperties(page, this.schema, body.properties ?? {});
    page.blocks = this.toBlocks(body.children ?? [], "body.children");
    this.pages.push(page);
    return this.pageJson(page);
  }

  private updatePage(id: string, body: Json): Json {
    const page = this.page(id);
    if (body.in_trash !== undefined || body.archived !== undefined)
      page.inTrash = Boolean(body.in_trash ?? body.archived);
    else if (page.inTrash)
      throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
    applyProperties(page, this.schema, body.properties ?? {});
    page.lastEditedAt = Date.now();
    return this.pageJson(page);
  }

  private listChildren(id: string, query: URLSearchParams): Json {
    const page = this.page(id);
    const blocks = page.blocks.map((b) => this.blockJson(b, page.id));
    return paginate(blocks, query.get("start_cursor"), Number(query.get("page_size") ?? 100), {
      type: "block",
      block: {},
    });
  }

  private appendChildren(id: string, body: Json): Json {
    const page = this.page(id);
    if (page.inTrash) throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
    const added = this.toBlocks(body.children ?? [], "body.children");
    // `after` (API 2025-09-03) inserts right after that child instead of at the end.
    const at = body.after
      ? page.blocks.findIndex((b) => b.id === body.after || b.id.replace(/-/g, "") === body.after)
      : page.blocks.length;
    if (at < 0) throw invalid(`body.after: no child block ${body.after} in ${id}`);
    page.blocks.splice(body.after ? at + 1 : at, 0, ...added);
    for (const block of added) if (block.image) this.files.attach(block.image.fileUploadId, block.id);
    page.lastEditedAt = Date.now();
    return {
      object: "list",
      results: added.map((b) => this.blockJson(b, page.id)),
      next_cursor: null,
      has_more: false,
    };
  }

  private deleteBlock(id: string): Json {
    // Notion refuses to delete a block that is already in the trash (a late request of a killed process).
    if (this.trashedBlocks.has(id))
      throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
    for (const page of this.pages) {
      const index = page.blocks.findIndex((b) => b.id === id);
      if (index < 0) continue;
      page.lastEditedAt = Date.now();
      this.trashedBlocks.add(id);
      return { ...this.blockJson(page.blocks.splice(index, 1)[0], page.id), in_trash: true };
    }
    throw notFound("block", id);
  }

  private page(id: string): FakePage {
    const page = this.pages.find((p) => p.id === id || p.id.replace(/-/g, "") === id);
    if (!page) throw notFound("page", id);
    return page;
  }

  private toBlocks(children: Json[], path: string): FakePage["blocks"] {
    if (children.length > 100) throw invalid(`${path}.length should be ≤ \`100\`, instead was \`${children.length}\`.`);
    return children.map((child, i) => {
      if (child.type === "image")
        return { id: randomUUID(), text: "", image: this.files.imageOf(child, `${path}[${i}]`) };
      if (child.type !== "paragraph" || !child.paragraph)
        throw invalid(`${path}[${i}]: only paragraph and image blocks are emulated`);
      return { id: randomUUID(), text: textOf(child.paragraph.rich_text ?? [], `${path}[${i}].paragraph.rich_text`) };
    });
  }

  private blockJson(block: FakePage["blocks"][number], pageId: string): Json {
    return block.image
      ? this.files.blockJson({ id: block.id, image: block.image }, pageId)
      : paragraphJson(block, pageId);
  }

  private pageJson(page: FakePage): Json {
    return {
      object: "page",
      id: page.id,
      created_time: page.createdTime,
      last_edited_time: minuteFloor(new Date(page.lastEditedAt)),
      in_trash: page.inTrash,
      archived: page.inTrash,
      parent: { type: "data_source_id", data_source_id: page.dataSourceId, database_id: this.databaseId },
      url: `https://www.notion.so/${page.id.replace(/-/g, "")}`,
      properties: propertiesJson(page, this.schema),
    };
  }
}
