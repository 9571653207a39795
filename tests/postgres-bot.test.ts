import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { BotSession } from "./support/session.ts";
import { pgAdminUrl, createTestDatabase, terminateConnections } from "./support/postgres.ts";
import { Buttons } from "../src/bot/buttons.ts";

describe("the bot on Postgres", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let session: BotSession;
  beforeAll(async () => {
    database = await createTestDatabase();
    session = await new BotSession({ databaseUrl: database.url }).start();
  });
  afterAll(async () => {
    await session?.close();
    await database?.drop();
  });

  it("migrates an empty database at start and answers /start", async () => {
    expect(session.bot.output).toContain("migrations applied");
    const reply = await session.chat.send("/start");
    expect(reply.payload.text).toContain("Designflow Assistant");
  });

  it("continues a flow after kill -9 with its state stored in Postgres", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    await session.crashAndRestart();
    expect(session.bot.output).not.toContain("migrations applied");
    const saved = await session.chat.send("en");
    expect(saved.payload.text).toBe("✅ I speak English now.");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT value FROM "Setting" WHERE key LIKE 'locale:%'`);
    await client.end();
    expect(rows).toEqual([{ value: "en" }]);
  });

  it("survives losing its connections: the bot keeps polling and answers again", async () => {
    await terminateConnections(database.name);
    // The first update after the cut may fail (friendly message) or succeed on a fresh connection; either way the bot
    // lives on.
    await session.chat.send("/help");
    const reply = await session.chat.send("/start");
    expect(reply.payload.text).toContain("Designflow Assistant");
    expect(session.bot.child.exitCode).toBeNull();
  });

  it("tells the owner the database is unavailable while it is, and recovers without a restart", async () => {
    // The owner's language is known before the cut: the cut in the case before may still fail the first reads (an
    // apology then falls back to Russian, which is right for an owner the bot cannot look up).
    // Each connection the last cut left in the pool (up to the pool's 10) can fail one read before it is replaced.
    let english = false;
    for (let tries = 0; tries < 15 && !english; tries++)
      english = String((await session.chat.send("/start")).payload.text).includes("Your project assistant");
    expect(english).toBe(true);
    await setAllowConnections(database.name, false);
    await terminateConnections(database.name);
    try {
      const reply = await session.chat.send("/settings");
      expect(reply.payload.text).toContain("The database is unavailable");
    } finally {
      await setAllowConnections(database.name, true);
    }
    const reply = await session.chat.send("/start");
    expect(reply.payload.text).toContain("Designflow Assistant");
  });
});

async function setAllowConnections(name: string, allow: boolean) {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow}`);
  await client.end();
}
