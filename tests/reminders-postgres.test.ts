import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { startBot, type BotProcess } from "./support/bot-process.ts";
import { createTestDatabase } from "./support/postgres.ts";
import { afternoonZone, dayIn } from "./support/zones.ts";

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

  it("never send a deadline's word twice either: one overdue reminder per project and day", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // The owner's zone (read from the database by both processes) is one where the countdown's morning has come.
      const zone = afternoonZone();
      await client.query(
        `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('reminders:tz', $1, now())
         ON CONFLICT (key) DO UPDATE SET value = $1`,
        [zone],
      );
      await client.query(
        `INSERT INTO "Project" (name, status, "deadlineDate", "createdAt", "updatedAt")
         SELECT 'Срок ' || n, 'active', $1, now(), now() FROM generate_series(1, ${PROJECTS}) AS n`,
        [dayIn(zone, -1)],
      );
      const words = () =>
        api
          .callsOf("sendMessage")
          .map((call) => String(call.payload.text))
          // The digests (every 3 s here) list these deadlines too: only the reminders themselves start with 🔴.
          .filter((text) => text.startsWith("🔴") && text.includes("просрочен на 1 день"));
      const deadline = Date.now() + 20_000;
      while (words().length < PROJECTS && Date.now() < deadline) await sleep(200);
      await sleep(4_000);
      expect(words()).toHaveLength(PROJECTS);
      expect(new Set(words()).size).toBe(PROJECTS);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "ReminderClaim" WHERE key LIKE 'd:%' AND "sentAt" IS NOT NULL`,
      );
      expect(rows[0].n).toBe(PROJECTS);
    } finally {
      await client.end();
    }
  });
});
