import { afterEach, describe, expect, it } from "vitest";
import { classifyNotionError } from "../src/services/notion/notion-errors.ts";
import { createNotionService } from "../src/services/notion/notion-service.ts";
import { createNotionConnection } from "../src/services/notion/notion-connection.ts";
import { createNotionPullSource } from "../src/services/notion/notion-pull-source.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { notionConfigFor } from "./support/notion-config.ts";
import type { ProjectSnapshot } from "../src/domain/project.ts";

let fake: FakeNotion;
afterEach(() => fake?.close());

async function withDeadlineColumn(type = "date") {
  fake = await new FakeNotion({ schema: { deadlineProperty: "Срок", deadlineType: type } }).start();
  return notionConfigFor(fake, { deadlineProperty: "Срок" });
}

const project = (deadline: ProjectSnapshot["deadline"]): ProjectSnapshot => ({
  id: 1,
  name: "Стул",
  description: "",
  status: "active",
  notionPageId: null,
  createdAt: new Date().toISOString(),
  deadline,
});

/** Updates the page's deadline column straight through the SDK, as any client of Notion could. */
async function setDate(config: Awaited<ReturnType<typeof withDeadlineColumn>>, pageId: string, date: unknown) {
  const { client } = createNotionConnection(config);
  return client.pages.update({ page_id: pageId, properties: { Срок: { date } as never } });
}

describe("the deadline in Notion's Date property", () => {
  it("a day is written as a date, a time with the owner's zone, none as empty; read back with its UTC offset", async () => {
    const config = await withDeadlineColumn();
    const connection = createNotionConnection(config);
    const notion = createNotionService(connection);
    const pageId = await notion.createPage(project({ date: "2026-12-17", timeZone: "Asia/Vladivostok" }));
    expect(fake.pages[0].deadline).toEqual({ start: "2026-12-17" });
    await notion.updatePage(pageId, project({ date: "2026-12-17", time: "18:30", timeZone: "Asia/Vladivostok" }));
    expect(fake.pages[0].deadline).toEqual({ start: "2026-12-17T18:30:00.000+10:00" });
    const pulled = await createNotionPullSource(connection).readPage(pageId);
    expect(pulled.deadline).toBe("2026-12-17T18:30:00.000+10:00");
    await notion.updatePage(pageId, project(null));
    expect(fake.pages[0].deadline).toBeNull();
    expect((await createNotionPullSource(connection).readPage(pageId)).deadline).toBeNull();
    expect(await notion.mirrorsDeadline()).toBe(true);
  });

  it("without NOTION_DEADLINE_PROPERTY_NAME the page is left as it was", async () => {
    fake = await new FakeNotion().start();
    const connection = createNotionConnection(notionConfigFor(fake));
    const notion = createNotionService(connection);
    await notion.createPage(project({ date: "2026-12-17", timeZone: "Europe/Moscow" }));
    expect(fake.pages[0].deadline).toBeUndefined();
    expect(await notion.mirrorsDeadline()).toBe(false);
    expect((await createNotionPullSource(connection).readPage(fake.pages[0].id)).deadline).toBeUndefined();
  });

  it("a deadline property that is not a Date is a bad_property naming it", async () => {
    const config = await withDeadlineColumn("rich_text");
    const error = await createNotionService(createNotionConnection(config))
      .ready()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const verdict = classifyNotionError(error);
    expect(verdict).toMatchObject({ kind: "fatal", problem: "bad_property" });
    expect(verdict.kind === "fatal" && verdict.detail).toContain("property Срок is of type rich_text; it must be date");
  });

  it("the fake refuses the Date values Notion refuses, with Notion's codes", async () => {
    const config = await withDeadlineColumn();
    const pageId = await createNotionService(createNotionConnection(config)).createPage(project(null));
    const refused = (date: unknown) =>
      setDate(config, pageId, date).then(
        () => ({ status: 200, message: "" }),
        (e: { status: number; code: string; message: string }) => e,
      );
    expect(await refused({ start: "2026-13-45" })).toMatchObject({
      status: 400,
      code: "validation_error",
      message: expect.stringContaining("date.start should be a valid ISO 8601 date string"),
    });
    expect(await refused({ start: "17.12.2026" })).toMatchObject({ status: 400, code: "validation_error" });
    expect(await refused({ start: "2026-12-17", time_zone: "Europe/Moscow" })).toMatchObject({
      status: 400,
      message: expect.stringContaining("If time zone is explicitly provided, start and end must contain date and time"),
    });
    expect(await refused({ start: "2026-12-17T18:00:00+03:00", time_zone: "Europe/Moscow" })).toMatchObject({
      status: 400,
      code: "validation_error",
    });
    expect(await refused({ start: "2026-12-17T18:00:00", time_zone: "Mars/Olympus" })).toMatchObject({
      status: 400,
      code: "validation_error",
    });
    expect(fake.pages[0].deadline).toBeNull();
    expect(await refused({ start: "2026-12-17T18:00:00", time_zone: "Europe/Moscow" })).toMatchObject({ status: 200 });
  });
});
