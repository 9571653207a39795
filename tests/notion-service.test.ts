import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyNotionError } from "../src/services/notion/notion-errors.ts";
import { textChunks } from "../src/services/notion/notion-blocks.ts";
import { createNotionService } from "../src/services/notion/notion-service.ts";
import { FakeNotion, type FakeSchema } from "./support/fake-notion.ts";
import { notionConfigFor } from "./support/notion-config.ts";
import { until } from "./support/until.ts";
import { createNotionConnection } from "../src/services/notion/notion-connection.ts";
import type { ProjectSnapshot } from "../src/domain/project.ts";
import type { NotionConfig } from "../src/services/notion/notion-connection.ts";

const notionServiceFor = (config: NotionConfig, options?: Parameters<typeof createNotionConnection>[1]) =>
  createNotionService(createNotionConnection(config, options));

const TRICKY_NAME = '<b>&"x"</b> *Лампа* _v2_ 🙂 [link](http://x) `code`';
const RTL_TEXT = "מנורה שולחנית – تصميم مصباح\n\n# not a heading\n**not bold** <i>not italic</i> &amp; 👩🏽‍🎨";

let fake: FakeNotion;

async function startFake(schema?: Partial<FakeSchema>): Promise<FakeNotion> {
  fake = await new FakeNotion({ schema }).start();
  return fake;
}

function configFor(overrides: Partial<NotionConfig> = {}): NotionConfig {
  return notionConfigFor(fake, overrides);
}

function project(fields: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return {
    id: 1,
    name: "Desk lamp",
    description: "",
    status: "idea",
    notionPageId: null,
    createdAt: new Date().toISOString(),
    ...fields,
  };
}

async function classified(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return classifyNotionError(error);
}

afterEach(async () => {
  await fake?.close();
});

describe("NotionService writes", () => {
  beforeEach(async () => {
    await startFake();
  });

  it("creates a page with title, status and body exactly as typed", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project({ name: TRICKY_NAME, description: RTL_TEXT, status: "active" }));

    const page = fake.pages.find((p) => p.id === pageId)!;
    expect(page.title).toBe(TRICKY_NAME);
    expect(page.status).toBe("Active");
    expect(fake.bodyOf(page)).toBe(RTL_TEXT);
    expect(notion.pageUrl(pageId)).toBe(`https://www.notion.so/${pageId.replace(/-/g, "")}`);
  });

  it("update replaces the body and the properties", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project({ description: "first\nsecond\nthird" }));
    await notion.updatePage(pageId, project({ name: "Desk lamp v2", description: "only line", status: "archived" }));

    const page = fake.pages.find((p) => p.id === pageId)!;
    expect(page.title).toBe("Desk lamp v2");
    expect(page.status).toBe("Archived");
    expect(page.blocks.map((b) => b.text)).toEqual(["only line"]);
    expect(fake.count("DELETE /blocks/:id")).toBe(3);
  });

  it("refuses, as Notion does, to delete a block that is already in the trash", async () => {
    const { client } = createNotionConnection(configFor());
    const pageId = await notionServiceFor(configFor()).createPage(project({ description: "one" }));
    const blockId = fake.pages.find((p) => p.id === pageId)!.blocks[0].id;
    await client.blocks.delete({ block_id: blockId });
    await expect(client.blocks.delete({ block_id: blockId })).rejects.toMatchObject({
      status: 400,
      code: "validation_error",
      message: "Can't edit block that is archived. You must unarchive the block before editing.",
    });
  });

  it("a paragraph deleted meanwhile (a killed process's late request) is not an error: the body converges", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project({ description: "first\nsecond\nthird" }));
    const page = fake.pages.find((p) => p.id === pageId)!;
    const lateDeleted = page.blocks[1].id;
    fake.delayNext(300, "GET /blocks/:id/children");
    const update = notion.updatePage(pageId, project({ description: "new" }));
    // The listing is answered (with the old paragraphs) but still on its way when the late delete lands.
    await until(() => fake.count("GET /blocks/:id/children") === 1, 5_000);
    await createNotionConnection(configFor()).client.blocks.delete({ block_id: lateDeleted });
    await update;
    expect(fake.bodyOf(page)).toBe("new");
  });

  it("skips the body round trips when the body is already right", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project({ description: "same\ntext" }));
    await notion.updatePage(pageId, project({ description: "same\ntext", status: "active" }));
    expect(fake.count("DELETE /blocks/:id")).toBe(0);
    expect(fake.count("PATCH /blocks/:id/children")).toBe(0);
    expect(fake.pages[0].status).toBe("Active");
  });

  it("splits long text into 2000-char pieces and appends more than 100 paragraphs in batches", async () => {
    const notion = notionServiceFor(configFor());
    const longLine = "🙂".repeat(1500) + "x".repeat(2500); // surrogate pairs straddle the 2000 boundary
    const description = [longLine, ...Array.from({ length: 250 }, (_, i) => `line ${i}`)].join("\n");
    const name = "N".repeat(2100);
    const pageId = await notion.createPage(project({ name, description }));
    const page = fake.pages.find((p) => p.id === pageId)!;
    expect(page.title).toBe(name);
    expect(fake.bodyOf(page)).toBe(description);
    expect(fake.count("PATCH /blocks/:id/children")).toBe(2); // 100 in the create, then 100 + 51

    await notion.updatePage(pageId, project({ name, description: `${description}\nmore` }));
    expect(fake.bodyOf(page)).toBe(`${description}\nmore`);
    expect(textChunks("🙂".repeat(1001)).map((c) => c.length)).toEqual([2000, 2]);
  });

  it("an empty description gives an empty body", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project({ description: "one" }));
    await notion.updatePage(pageId, project({ description: "" }));
    expect(fake.pages[0].blocks).toEqual([]);
  });

  it("trashes a page, and a missing page counts as trashed", async () => {
    const notion = notionServiceFor(configFor());
    const pageId = await notion.createPage(project());
    await notion.trashPage(pageId);
    expect(fake.pages[0].inTrash).toBe(true);
    await expect(notion.trashPage("00000000-0000-0000-0000-000000000000")).resolves.toBeUndefined();
  });

  it("finds the newest page with exactly that title created since a moment", async () => {
    const notion = notionServiceFor(configFor());
    const before = new Date(Date.now() - 5 * 60_000);
    await notion.createPage(project({ name: "Chair" }));
    const newest = await notion.createPage(project({ name: "Chair" }));
    await notion.createPage(project({ name: "chair" }));
    expect(await notion.findPageByTitle("Chair", before)).toBe(newest);
    expect(await notion.findPageByTitle("Chair ", before)).toBeNull();
    expect(await notion.findPageByTitle("Chair", new Date(Date.now() + 2 * 60_000))).toBeNull();
  });
});

describe("NotionService schema", () => {
  it.each(["select", "status"] as const)("writes a %s status property in its own shape", async (statusType) => {
    await startFake({ statusType });
    const notion = notionServiceFor(configFor());
    await notion.ready();
    const pageId = await notion.createPage(project({ status: "active" }));
    await notion.updatePage(pageId, project({ status: "archived" }));
    expect(fake.pages[0].status).toBe("Archived");
  });

  it("uses custom status values and property names, falling back to the title-type property", async () => {
    await startFake({
      titleProperty: "Project",
      statusProperty: "Stage",
      statusType: "status",
      statusOptions: ["Idea", "Active", "Archive"],
    });
    const notion = notionServiceFor(
      configFor({
        titleProperty: "Name",
        statusProperty: "Stage",
        statusValues: { idea: "Idea", active: "Active", archived: "Archive" },
      }),
    );
    await notion.createPage(project({ name: "Stool", status: "archived" }));
    expect(fake.pages[0]).toMatchObject({ title: "Stool", status: "Archive" });
  });

  it("accepts a data source id in place of the database id", async () => {
    await startFake();
    const notion = notionServiceFor(configFor({ databaseId: fake.dataSourceId }));
    await notion.createPage(project({ name: "Via data source" }));
    expect(fake.pages[0]).toMatchObject({ title: "Via data source", dataSourceId: fake.dataSourceId });
  });

  it("creates missing select options on write", async () => {
    await startFake({ statusType: "select", statusOptions: ["Idea"] });
    const notion = notionServiceFor(configFor());
    await notion.ready();
    await notion.createPage(project({ status: "active" }));
    expect(fake.pages[0].status).toBe("Active");
  });

  it("a status-type property without one of the options is a bad_property", async () => {
    await startFake({ statusType: "status", statusOptions: ["Idea", "Active"] });
    const verdict = await classified(notionServiceFor(configFor()).ready());
    expect(verdict).toMatchObject({ kind: "fatal", problem: "bad_property" });
    expect(verdict.kind === "fatal" && verdict.detail).toContain('"Archived"');
  });

  it("a wrong status property name is a bad_property naming it", async () => {
    await startFake();
    const verdict = await classified(notionServiceFor(configFor({ statusProperty: "Stage" })).createPage(project()));
    expect(verdict).toEqual({ kind: "fatal", problem: "bad_property", detail: "no property named Stage" });
  });

  it("a property rejected by Notion on write is a bad_property naming it", async () => {
    await startFake();
    const notion = notionServiceFor(configFor());
    await notion.ready();
    fake.schema.statusProperty = "Renamed"; // the owner renamed the column after we read the schema
    const verdict = await classified(notion.createPage(project()));
    expect(verdict).toMatchObject({ kind: "fatal", problem: "bad_property" });
    expect(verdict.kind === "fatal" && verdict.detail).toContain("Status");
    // The schema is read again on the next call rather than trusted from the cache.
    expect(await classified(notion.ready())).toEqual({
      kind: "fatal",
      problem: "bad_property",
      detail: "no property named Status",
    });
  });
});

describe("NotionService errors", () => {
  beforeEach(async () => {
    await startFake();
  });

  it("a rejected key is fatal unauthorized", async () => {
    const verdict = await classified(notionServiceFor(configFor({ apiKey: "secret_wrong" })).ready());
    expect(verdict).toMatchObject({ kind: "fatal", problem: "unauthorized" });
  });

  it("a database the integration cannot see is fatal not_shared", async () => {
    const verdict = await classified(
      notionServiceFor(configFor({ databaseId: "11111111-2222-3333-4444-555555555555" })).ready(),
    );
    expect(verdict).toMatchObject({ kind: "fatal", problem: "not_shared" });
    expect(verdict.kind === "fatal" && verdict.detail).toMatch(/share the database with the integration/);
  });

  it("5xx and timeouts are uncertain retries; 429 carries Retry-After; 409 is a certain retry", async () => {
    const notion = notionServiceFor(configFor(), { timeoutMs: 100 });
    await notion.ready();
    fake.failNext(1, { status: 500, code: "internal_server_error" });
    expect(await classified(notion.createPage(project()))).toEqual({ kind: "retry", uncertain: true });
    fake.failNext(1, { status: 429, code: "rate_limited", retryAfter: 3 });
    expect(await classified(notion.createPage(project()))).toEqual({
      kind: "retry",
      retryAfterMs: 3000,
      uncertain: false,
    });
    fake.failNext(1, { status: 409, code: "conflict_error" });
    expect(await classified(notion.createPage(project()))).toEqual({ kind: "retry", uncertain: false });
    fake.failNext(1, { status: 503, code: "service_unavailable" });
    expect(await classified(notion.createPage(project()))).toEqual({ kind: "retry", uncertain: true });
    fake.delayNext(400, "POST /pages");
    expect(await classified(notion.createPage(project()))).toEqual({ kind: "retry", uncertain: true });
  });

  it("a refused connection is a retry that certainly did not apply", async () => {
    const baseUrl = fake.baseUrl;
    await fake.close();
    const verdict = await classified(notionServiceFor(configFor({ baseUrl })).ready());
    expect(verdict).toEqual({ kind: "retry", uncertain: false });
  });
});
