import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeNotion } from "../support/fake-notion.ts";
import { addIdea } from "../support/owner-chat.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { killNowAndRestart, sqliteRows } from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

describe("kill -9 during a Notion sync (SQLite outbox, fake Notion over HTTP)", () => {
  const notion = new FakeNotion();
  let session: BotSession;
  let env: Record<string, string>;
  const rows = <T>(query: string, ...params: unknown[]) => sqliteRows<T>(session.databaseUrl, query, ...params);
  const openJobs = () =>
    rows<{ n: number }>("SELECT COUNT(*) AS n FROM SyncJob WHERE state IN ('pending', 'failed')")[0].n;
  const pageIdOf = (id: number) =>
    rows<{ notionPageId: string | null }>("SELECT notionPageId FROM Project WHERE id = ?", id)[0]?.notionPageId;
  const livePagesTitled = (title: string) => notion.livePages().filter((p) => p.title === title);

  /** Kills the bot as soon as `reached` holds (a slow Notion request is then in flight). */
  async function killWhen(reached: () => boolean) {
    await until(reached, 20_000);
    await session.chat.settle();
    const started = Date.now();
    const { orphans } = await killNowAndRestart(session, env);
    return { restartMs: Date.now() - started, orphans };
  }

  /** Everything synced: no open job, and the project's page is the one live page with its title. */
  async function settledPage(id: number, title: string) {
    await until(() => openJobs() === 0, 30_000);
    const pages = livePagesTitled(title);
    expect(pages).toHaveLength(1);
    expect(pageIdOf(id)).toBe(pages[0].id);
    return pages[0];
  }

  beforeAll(async () => {
    await notion.start();
    // A long client timeout keeps the slow requests below in flight when the process dies.
    env = {
      NOTION_API_KEY: notion.apiKey,
      NOTION_DB_ID: notion.databaseId,
      NOTION_BASE_URL: notion.baseUrl,
      NOTION_TIMEOUT_MS: "15000",
    };
    session = await new BotSession({ env }).start();
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  test("killed while the page create is in flight (Notion made the page, the answer never came) → one page, adopted", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Notion sync: kill -9 while POST /pages is in flight (Notion applies it at once but answers after 6 s), restart",
      checked:
        "the new process finds the page the dead one created instead of making a second: exactly one live page, linked to the project, no open outbox job",
    });
    notion.delayNext(6000, "POST /pages");
    const creates = notion.count("POST /pages");
    const id = await addIdea(session.chat, "Синк: создание", "Тело страницы");
    const { restartMs } = await killWhen(() => notion.count("POST /pages") > creates);
    const page = await settledPage(id, "Синк: создание");
    expect(notion.bodyOf(page)).toBe("Тело страницы");
    observed(
      `1 live page (${notion.count("POST /pages") - creates} create request(s), the page of the killed process adopted); restart ${restartMs} ms`,
    );
  });

  test("killed while a rename is in flight (the request not yet applied) → the page ends with the new title", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Notion sync: the owner renames a project; kill -9 while PATCH /pages/:id is held by Notion (and then dropped unapplied: the connection died), restart",
      checked:
        "the outbox job survived the kill and is run again by the new process: one live page with the new title, no open job",
    });
    const id = await addIdea(session.chat, "Синк: старое имя", "Описание");
    await settledPage(id, "Синк: старое имя");
    notion.holdNext(1500, "PATCH /pages/:id");
    notion.failNext(1, { status: 500, code: "internal_server_error" }, "PATCH /pages/:id");
    const patches = notion.count("PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "rename" }));
    await session.chat.send("Синк: новое имя");
    const { restartMs } = await killWhen(() => notion.count("PATCH /pages/:id") > patches);
    await settledPage(id, "Синк: новое имя");
    expect(livePagesTitled("Синк: старое имя")).toHaveLength(0);
    expect(notion.count("PATCH /pages/:id") - patches).toBeGreaterThanOrEqual(2);
    observed(
      `1 live page with the new title after ${notion.count("PATCH /pages/:id") - patches} PATCH request(s); restart ${restartMs} ms`,
    );
  });

  test("killed halfway through rewriting the page body → the body is the new description, nothing doubled", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Notion sync: the owner replaces a 3-line description; kill -9 once the body rewrite has started (first block append/delete held in flight), restart",
      checked:
        "the page body equals the new description exactly (no leftover or doubled paragraphs), one live page, no open job",
    });
    const id = await addIdea(session.chat, "Синк: тело", "первая\nвторая\nтретья");
    await settledPage(id, "Синк: тело");
    notion.holdNext(1000, "DELETE /blocks/:id");
    notion.holdNext(1000, "PATCH /blocks/:id/children");
    const before = notion.count("DELETE /blocks/:id") + notion.count("PATCH /blocks/:id/children");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "describe" }));
    await session.chat.send("новая первая\nновая вторая");
    const { restartMs } = await killWhen(
      () => notion.count("DELETE /blocks/:id") + notion.count("PATCH /blocks/:id/children") > before,
    );
    const page = await settledPage(id, "Синк: тело");
    await until(() => notion.bodyOf(page) === "новая первая\nновая вторая", 10_000);
    observed(
      `body "${notion.bodyOf(page).replace(/\n/g, " / ")}", ${page.blocks.length} blocks; restart ${restartMs} ms`,
    );
  });

  test("killed while the page is being trashed (project deleted) → the page ends in the trash", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Notion sync: the owner deletes a project; kill -9 while the trash request is held by Notion (then dropped unapplied), restart",
      checked:
        "the trash job outlives the project and the process: the page is in the trash, no live page with that title, no open job",
    });
    const id = await addIdea(session.chat, "Синк: удаление", "Удалить");
    const page = await settledPage(id, "Синк: удаление");
    notion.holdNext(1500, "PATCH /pages/:id");
    notion.failNext(1, { status: 500, code: "internal_server_error" }, "PATCH /pages/:id");
    const patches = notion.count("PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "delete" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "confirmdelete" }));
    const { restartMs } = await killWhen(() => notion.count("PATCH /pages/:id") > patches);
    await until(() => openJobs() === 0 && page.inTrash, 30_000);
    expect(livePagesTitled("Синк: удаление")).toHaveLength(0);
    expect(rows("SELECT id FROM Project WHERE id = ?", id)).toHaveLength(0);
    expect(notion.count("PATCH /pages/:id") - patches).toBeGreaterThanOrEqual(2);
    observed(
      `page in the trash after ${notion.count("PATCH /pages/:id") - patches} trash request(s); restart ${restartMs} ms`,
    );
  });

  test("killed with a backlog queued during an outage → after restart every project gets exactly one page", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Notion sync: Notion answers 503 while the owner adds 3 ideas (jobs back off), kill -9, Notion comes back, restart",
      checked:
        "the persisted outbox is drained by the new process: each of the 3 projects has exactly one live page with its title, no open job",
    });
    notion.failFor(60_000, { status: 503, code: "service_unavailable" });
    const ids: number[] = [];
    try {
      for (let i = 1; i <= 3; i++) ids.push(await addIdea(session.chat, `Синк: очередь ${i}`, `Отложено ${i}`));
      expect(openJobs()).toBe(3);
      await session.chat.settle();
      await killNowAndRestart(session, env);
    } finally {
      notion.clearFaults();
    }
    const started = Date.now();
    for (let i = 1; i <= 3; i++) await settledPage(ids[i - 1], `Синк: очередь ${i}`);
    observed(`3 projects → 3 live pages, drained ${Date.now() - started} ms after the restart`);
  });
});
