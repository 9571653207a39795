import { afterEach, describe, expect, it } from "vitest";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { BotProcess, startBot, tempSqliteUrl } from "./support/bot-process.ts";
import { OwnerChat } from "./support/owner-chat.ts";

describe("graceful shutdown", () => {
  let api: FakeBotApi;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    await api?.close();
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`exits 0 within 10 s on ${signal} and confirms the handled updates`, async () => {
      api = await new FakeBotApi().start();
      bot = await startBot(api, tempSqliteUrl());
      const chat = new OwnerChat(api);
      await chat.send("/start");
      const started = Date.now();
      bot.kill(signal);
      const { code } = await bot.exited;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(api.pendingUpdates()).toBe(0);
      expect(bot.output).toContain("stopped");
    });
  }

  it("finishes the update in flight before exiting and leaves later ones for the next process", async () => {
    api = await new FakeBotApi().start();
    const url = tempSqliteUrl();
    bot = await startBot(api, url);
    const chat = new OwnerChat(api);
    await chat.send("/start");
    // The reply to the next update hangs for a moment (a slow Telegram): SIGTERM arrives meanwhile.
    api.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const since = api.calls.length;
    api.push((await import("./support/owner-chat.ts")).textMessage("/help"));
    await api.waitForCall((c) => c.method === "sendMessage", { since });
    bot.kill("SIGTERM");
    const { code } = await bot.exited;
    expect(code).toBe(0);
    // auto-retry waited out the 429 and delivered the reply before the process ended.
    expect(api.callsOf("sendMessage").filter((c) => String(c.payload.text).includes("/new")).length).toBe(2);
    expect(api.pendingUpdates()).toBe(0);
  });

  it("exits non-zero with a clear line when the database is unreachable at start", async () => {
    api = await new FakeBotApi().start();
    const process = new BotProcess({
      BOT_TOKEN: api.token,
      TELEGRAM_USER_ID: "1",
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: "postgresql://postgres:hunter2-secret@127.0.0.1:1/none",
    });
    bot = process;
    const { code } = await process.exited;
    expect(code).not.toBe(0);
    expect(process.output).toContain("database unavailable");
    expect(process.output).not.toContain("hunter2-secret");
  });
});
