import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { startBot, type BotProcess } from "./support/bot-process.ts";
import { createTestDatabase } from "./support/postgres.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROJECTS = 40;

describe("two bot processes on one Postgres", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: FakeBotApi;
  const bots: BotProcess[] = [];
  const env = { REMINDER_CRON: "* * * * * *", IDEA_DIGEST_CRON: "*/3 * * * * *", BOT_TIMEZONE: "UTC" };
  beforeAll(async () => {
    database = await createTestDatabase("designflow_rem");
    api = await new FakeBotApi().start();
    bots.push(await startBot(api, database.url, env));
    bots.push(await startBot(api, database.url, env));
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await api?.close();
    await database?.drop();
  });

  it("never send a reminder or a digest twice, though both check every second", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "Project" (name, status, "reminderIntervalDays", "activatedAt", "createdAt", "updatedAt")
         SELECT 'Проект ' || n, 'active', 7, now() - interval '8 days', now(), now() FROM generate_series(1, ${PROJECTS}) AS n`,
      );
      const reminderTexts = () =>
        api
          .callsOf("sendMessage")
          .map((call) => String(call.payload.text))
          .filter((text) => text.startsWith("⏰ Как продвигается"));
      const digestCount = () =>
        api.callsOf("sendMessage").filter((call) => String(call.payload.text).startsWith("💡 За неделю")).length;
      const deadline = Date.now() + 20_000;
      while ((reminderTexts().length < PROJECTS || digestCount() < 2) && Date.now() < deadline) await sleep(200);
      await sleep(4_000);
      const texts = reminderTexts();
      expect(new Set(texts).size).toBe(PROJECTS);
      expect(texts).toHaveLength(PROJECTS);

      // The digest fires every 3 s in both processes: one message per slot.
      const digests = api.callsOf("sendMessage").filter((call) => String(call.payload.text).startsWith("💡 За неделю"));
      const slots = digests
        .map((call) => JSON.stringify(call.payload.reply_markup))
        .map((markup) => markup.match(/r:dt:(\d+)/)![1]);
      expect(digests.length).toBeGreaterThanOrEqual(2);
      expect(new Set(slots).size).toBe(slots.length);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "ReminderClaim" WHERE key LIKE 'p:%' AND "sentAt" IS NOT NULL`,
      );
      expect(rows[0].n).toBe(PROJECTS);
    } finally {
      await client.end();
    }
  });
});
