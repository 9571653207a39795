import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BotSession } from "../support/session.ts";
import { reliabilityCase } from "./support/case.ts";
import { PrivatePostgres } from "./support/private-postgres.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const DB_DOWN = "Не могу достучаться до своей базы данных";

describe("Postgres restarted under the running bot (a private cluster, really stopped and started)", () => {
  let cluster: PrivatePostgres;
  let session: BotSession;
  let url: string;
  let pid = 0;

  async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    cluster = await PrivatePostgres.create();
    url = await cluster.createDatabase("designflow");
    session = await new BotSession({ databaseUrl: url }).start();
    pid = session.bot.child.pid!;
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    cluster?.destroy();
  });

  test("server restarted in the middle of /new → the owner just continues; one row; same bot process", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Postgres restart (pg_ctl restart -m fast on a private cluster: every connection of the bot is cut) between the name and the description steps of /new",
      checked:
        "the next message is handled as the description (flow state read back from the restarted server), the idea is saved once, and it is still the same bot process (no restart of the bot)",
    });
    await session.chat.send("/start");
    await session.chat.send("/new");
    await session.chat.send("Рестарт Postgres");
    const started = Date.now();
    await cluster.restart();
    const downMs = Date.now() - started;
    const reply = await session.chat.send("Описание после рестарта");
    expect(reply.payload.text).not.toContain(DB_DOWN);
    const saved = await session.chat.tap(
      Buttons.flow.pack({ action: "skip" }),
      (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
    );
    expect(saved.payload.text).toContain("Рестарт Postgres");
    const rows = await query<{ description: string }>(`SELECT description FROM "Project" WHERE name = $1`, [
      "Рестарт Postgres",
    ]);
    expect(rows).toEqual([{ description: "Описание после рестарта" }]);
    expect(session.bot.child.pid).toBe(pid);
    expect(session.bot.child.exitCode).toBeNull();
    observed(`server down ${downMs} ms; first update after it handled normally; 1 row; bot pid unchanged`);
  });

  test("server down for a while → the owner is told, the bot keeps polling, and works again once the server is back", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "Postgres stopped (pg_ctl stop -m fast) for ~3 s while the owner sends /start and /new, then started again",
      checked:
        "while down the owner gets the “database unavailable” message (no crash, no silence); after the start the same process answers the menu and a full /new saves exactly one row",
    });
    cluster.stop();
    let downReplies: string[] = [];
    const stoppedAt = Date.now();
    try {
      downReplies.push(String((await session.chat.send("/start")).payload.text));
      downReplies.push(String((await session.chat.send("/new")).payload.text));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3000 - (Date.now() - stoppedAt))));
      expect(session.bot.child.exitCode).toBeNull();
    } finally {
      await cluster.start();
    }
    const downMs = Date.now() - stoppedAt;
    expect(downReplies.every((text) => text.includes(DB_DOWN))).toBe(true);

    const backAt = Date.now();
    const menu = await session.chat.send("/start");
    expect(menu.payload.text).toContain("Designflow Assistant");
    const recoverMs = Date.now() - backAt;
    await session.chat.send("/new");
    await session.chat.send("После простоя");
    await session.chat.send("Сохранено после старта сервера");
    await session.chat.tap(
      Buttons.flow.pack({ action: "skip" }),
      (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
    );
    const rows = await query(`SELECT id FROM "Project" WHERE name = $1`, ["После простоя"]);
    expect(rows).toHaveLength(1);
    expect(session.bot.child.pid).toBe(pid);
    downReplies = downReplies.map((t) => t.slice(0, 40));
    observed(
      `down ${downMs} ms, ${downReplies.length}/2 messages answered “database unavailable”; first answer after the start in ${recoverMs} ms; 1 row; bot pid unchanged`,
    );
  });
});
