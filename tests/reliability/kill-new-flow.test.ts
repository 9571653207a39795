import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { BotSession } from "../support/session.ts";
import { FakeNotion } from "../support/fake-notion.ts";
import { callback, isChatOutput, type OwnerChat } from "../support/owner-chat.ts";
import { createTestDatabase } from "../support/postgres.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { crashAfterSettle, killNowAndRestart, killOnCall, sqliteRows } from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const notionEnv = (notion: FakeNotion) => ({
  NOTION_API_KEY: notion.apiKey,
  NOTION_DB_ID: notion.databaseId,
  NOTION_BASE_URL: notion.baseUrl,
  NOTION_TIMEOUT_MS: "1500",
});

/** /new as the owner types it: command, name, description, "Skip" on the photo step. */
const newSteps = (
  name: string,
  description: string,
): { label: string; run: (chat: OwnerChat) => Promise<unknown> }[] => [
  { label: "/new", run: (chat) => chat.send("/new") },
  { label: "name", run: (chat) => chat.send(name) },
  { label: "description", run: (chat) => chat.send(description) },
  {
    label: "skip photo (saves)",
    run: (chat) =>
      chat.tap(
        Buttons.flow.pack({ action: "skip" }),
        (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
      ),
  },
];

const confirmationsFor = (session: BotSession, name: string) =>
  session.api
    .callsOf("sendMessage")
    .filter((c) => String(c.payload.text).startsWith("✅") && String(c.payload.text).includes(name));

describe("kill -9 at every step of /new (SQLite, Notion on)", () => {
  const notion = new FakeNotion();
  let session: BotSession;
  let env: Record<string, string>;
  const projects = (name: string) =>
    sqliteRows<{ id: number; description: string; notionPageId: string | null }>(
      session.databaseUrl,
      "SELECT id, description, notionPageId FROM Project WHERE name = ?",
      name,
    );
  const openJobs = () =>
    sqliteRows<{ n: number }>(
      session.databaseUrl,
      "SELECT COUNT(*) AS n FROM SyncJob WHERE state IN ('pending', 'failed')",
    )[0].n;

  beforeAll(async () => {
    await notion.start();
    env = notionEnv(notion);
    session = await new BotSession({ env }).start();
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  const steps = newSteps("x", "y");
  for (let k = 1; k <= steps.length; k++) {
    test(`killed after step ${k} (${steps[k - 1].label}) → restarted → finished: one project, one page, one confirmation`, async (context) => {
      const observed = reliabilityCase(context, {
        area: "Crashes",
        injected: `/new: kill -9 once the bot has handled step ${k} of ${steps.length} (${steps[k - 1].label}), then a new process on the same SQLite database`,
        checked:
          "the owner continues at the next step (no re-asking), exactly one Project row, one Notion page, one ✅ confirmation, no open outbox job",
      });
      const name = `Crash new ${k}`;
      const description = `Описание после сбоя на шаге ${k}`;
      const flow = newSteps(name, description);
      for (const step of flow.slice(0, k)) await step.run(session.chat);
      const started = Date.now();
      await crashAfterSettle(session, env);
      const restartMs = Date.now() - started;
      // The next step is answered as that step: the flow resumed where it was.
      for (const step of flow.slice(k)) await step.run(session.chat);

      const rows = projects(name);
      expect(rows).toHaveLength(1);
      expect(rows[0].description).toBe(description);
      const page = await until(
        () =>
          notion.livePages().filter((p) => p.title === name).length === 1 &&
          notion.livePages().find((p) => p.title === name),
      );
      await until(() => projects(name)[0].notionPageId === page.id);
      expect(notion.bodyOf(page)).toBe(description);
      expect(confirmationsFor(session, name)).toHaveLength(1);
      await until(() => openJobs() === 0);
      // Nothing of the flow is left waiting: plain text now gets the outside-a-flow answer.
      // The reply to the text, not a late edit of the confirmation (the sync worker redraws it once Notion is written).
      const reply = await session.chat.send("ещё текст", (c) => c.method === "sendMessage");
      expect(reply.payload.text).toContain("/start");
      observed(`1 row, 1 page, 1 confirmation; restart took ${restartMs} ms`);
    });
  }

  for (let k = 1; k <= steps.length; k++) {
    test(`killed while step ${k} (${steps[k - 1].label}) is in flight → the re-delivered update is applied once`, async (context) => {
      const observed = reliabilityCase(context, {
        area: "Crashes",
        injected: `/new: kill -9 the moment the bot sends its first reply to step ${k} (${steps[k - 1].label}), before the update is confirmed; Telegram re-delivers it to the next process`,
        checked:
          "the step is applied once (no skipped or doubled step), the idea is saved as exactly one row and one Notion page; a reply may be seen twice",
      });
      const name = `In flight new ${k}`;
      const description = `Описание, шаг ${k} прерван`;
      const flow = newSteps(name, description);
      for (const step of flow.slice(0, k - 1)) await step.run(session.chat);
      const killed = killOnCall(session, isChatOutput, session.api.calls.length, env);
      // The step's reply comes from the killed process; its confirmation from the new one, which handles the update
      // again.
      await flow[k - 1].run(session.chat);
      const { orphans } = await killed;
      await session.chat.settle(20_000);
      for (const step of flow.slice(k)) await step.run(session.chat);

      expect(projects(name)).toHaveLength(1);
      expect(projects(name)[0].description).toBe(description);
      await until(() => openJobs() === 0);
      expect(notion.livePages().filter((p) => p.title === name)).toHaveLength(1);
      const confirmations = confirmationsFor(session, name).length;
      expect(confirmations).toBeGreaterThanOrEqual(1);
      expect(confirmations).toBeLessThanOrEqual(2);
      // The reply to the text, not a late edit of the confirmation (the sync worker redraws it once Notion is written).
      const reply = await session.chat.send("ещё текст", (c) => c.method === "sendMessage");
      expect(reply.payload.text).toContain("/start");
      observed(`1 row, 1 page, ${confirmations} confirmation message(s); ${orphans.length} orphan process(es)`);
    });
  }

  test("killed while the save is in flight (Notion slow, update not yet confirmed) → re-delivered: still one project, one page", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "/new: kill -9 while the final “Skip” is being handled (project row written, Notion create answered late), so Telegram re-delivers that update to the next process",
      checked:
        "the re-delivered update does not save the idea twice: one Project row, one live Notion page linked to it, one confirmation",
    });
    const name = "Crash new in flight";
    const flow = newSteps(name, "Сохранение прервано");
    for (const step of flow.slice(0, 3)) await step.run(session.chat);
    notion.delayNext(4000, "POST /pages");
    const since = notion.count("POST /pages");
    session.api.push(
      callback(
        Buttons.flow.pack({ action: "skip" }),
        session.chat.messageWithButton(Buttons.flow.pack({ action: "skip" })),
      ),
    );
    await until(() => notion.count("POST /pages") > since);
    const { orphans } = await killNowAndRestart(session, env);
    await session.chat.settle(20_000);

    await until(() => projects(name).length >= 1 && confirmationsFor(session, name).length >= 1);
    await until(() => openJobs() === 0, 20_000);
    expect(projects(name)).toHaveLength(1);
    expect(notion.livePages().filter((p) => p.title === name)).toHaveLength(1);
    expect(projects(name)[0].notionPageId).toBe(notion.livePages().find((p) => p.title === name)!.id);
    expect(confirmationsFor(session, name)).toHaveLength(1);
    observed(
      `1 row, 1 page (${notion.count("POST /pages") - since} create request(s)), 1 confirmation; ${orphans.length} orphan process(es)`,
    );
  });
});

describe("kill -9 at every step of /new (Postgres)", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let session: BotSession;
  beforeAll(async () => {
    database = await createTestDatabase("designflow_crash");
    session = await new BotSession({ databaseUrl: database.url }).start();
  });
  afterAll(async () => {
    await session?.close();
    await database?.drop();
  });

  test("a kill after each of the 4 steps, on one Postgres database: 4 ideas, each saved once", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected: "/new on Postgres: four runs, each killed (-9) after a different step and finished by a new process",
      checked: "each idea ends as exactly one row with its own description; no flow state left behind",
    });
    const restarts: number[] = [];
    for (let k = 1; k <= 4; k++) {
      const flow = newSteps(`PG crash ${k}`, `PG описание ${k}`);
      for (const step of flow.slice(0, k)) await step.run(session.chat);
      const started = Date.now();
      await crashAfterSettle(session);
      restarts.push(Date.now() - started);
      for (const step of flow.slice(k)) await step.run(session.chat);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT name, description FROM "Project" ORDER BY id`);
      expect(rows).toEqual([1, 2, 3, 4].map((k) => ({ name: `PG crash ${k}`, description: `PG описание ${k}` })));
      // The reply to the text, not a late edit of the confirmation (the sync worker redraws it once Notion is written).
      const reply = await session.chat.send("ещё текст", (c) => c.method === "sendMessage");
      expect(reply.payload.text).toContain("/start");
      observed(`4 rows as typed, no flow left waiting; restarts ${restarts.join("/")} ms`);
    } finally {
      await client.end();
    }
  });
});
