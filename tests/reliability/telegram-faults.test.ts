import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { OWNER_ID, type RecordedCall } from "../support/fake-bot-api.ts";
import { textMessage } from "../support/owner-chat.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "Telegram Bot API faults";
const isMenu = (c: RecordedCall) =>
  c.method === "sendMessage" &&
  Number(c.payload.chat_id) === OWNER_ID &&
  String(c.payload.text).includes("Designflow Assistant");
const delivered = (calls: RecordedCall[], match: (c: RecordedCall) => boolean) =>
  calls.filter((c) => match(c) && c.result !== undefined);

describe("Telegram faults: 429, 5xx and connection resets, recovered without a restart", () => {
  const session = new BotSession();
  let pid: number | undefined;
  beforeAll(async () => {
    await session.start();
    pid = session.bot.child.pid;
    await until(() => session.api.callsOf("setMyCommands").length >= 3);
  });
  afterAll(() => session.close());

  /** Sends /start with faults armed; resolves with how many menus got through and how long it took. */
  async function startThroughFaults(arm: () => void, graceMs = 1000) {
    const { api, chat } = session;
    await chat.settle();
    arm();
    const since = api.calls.length;
    const started = performance.now();
    api.push(textMessage("/start"));
    const reply = await api.waitForCall((c) => isMenu(c) && c.result !== undefined, { since, timeoutMs: 30_000 });
    const recoveredMs = reply.receivedAt - started;
    await chat.settle(30_000);
    await new Promise((resolve) => setTimeout(resolve, graceMs)); // a late duplicate would show up here
    const attempts = api.calls.slice(since).filter(isMenu).length;
    return { menus: delivered(api.calls.slice(since), isMenu).length, attempts, recoveredMs };
  }

  const alive = () => {
    expect(session.bot.child.exitCode).toBeNull();
    expect(session.bot.child.pid).toBe(pid);
  };

  it("sendMessage: a burst of three 429s with retry_after", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "sendMessage answers 429 Too Many Requests (retry_after 1) three times in a row",
      checked: "the /start reply arrives exactly once, after waiting retry_after; same process",
    });
    const { menus, attempts, recoveredMs } = await startThroughFaults(() =>
      session.api.failNext(
        "sendMessage",
        { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 },
        3,
      ),
    );
    expect(menus).toBe(1);
    expect(attempts).toBe(4);
    expect(recoveredMs).toBeGreaterThanOrEqual(2900);
    alive();
    done(`delivered once after ${attempts} attempts, ${(recoveredMs / 1000).toFixed(1)} s (3 × retry_after 1 s)`);
  });

  it("sendMessage: 502 Bad Gateway", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "sendMessage answers 502 Bad Gateway once",
      checked: "the reply arrives exactly once after a backoff; same process",
    });
    const { menus, attempts, recoveredMs } = await startThroughFaults(() =>
      session.api.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }),
    );
    expect(menus).toBe(1);
    expect(attempts).toBe(2);
    alive();
    done(`delivered once after ${attempts} attempts, ${(recoveredMs / 1000).toFixed(1)} s`);
  });

  it("sendMessage: two connection resets", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "the connection of sendMessage is destroyed (reset) twice before the server handles it",
      checked: "retried with backoff, the reply arrives exactly once; same process",
    });
    const { menus, attempts, recoveredMs } = await startThroughFaults(() => session.api.resetNext("sendMessage", 2));
    expect(menus).toBe(1);
    expect(attempts).toBe(3);
    alive();
    done(`delivered once after ${attempts} attempts, ${(recoveredMs / 1000).toFixed(1)} s`);
  });

  it("sendMessage: five 500s in a row, then the owner's next message", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "sendMessage answers 500 Internal Server Error five times in a row while the owner sends /start, then /start again",
      checked:
        "each call is retried quickly and a bounded number of times; the second /start is answered within 5 s of the first, not behind a long backoff; same process",
    });
    const { api, chat } = session;
    await chat.settle();
    api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 5);
    const since = api.calls.length;
    const started = performance.now();
    api.push(textMessage("/start"));
    await until(() => api.calls.slice(since).filter((c) => c.method === "sendMessage").length >= 5, 30_000);
    const second = api.calls.length;
    api.push(textMessage("/start"));
    const reply = await api.waitForCall((c) => isMenu(c) && c.result !== undefined, {
      since: second,
      timeoutMs: 60_000,
    });
    const totalMs = reply.receivedAt - started;
    await chat.settle(30_000);
    expect(totalMs).toBeLessThan(5000);
    alive();
    const failures = api.calls.slice(since).filter((c) => c.method === "sendMessage" && c.result === undefined).length;
    done(
      `${failures} refused sendMessage calls; the second /start answered ${(totalMs / 1000).toFixed(1)} s after the first was sent (was ~48 s with auto-retry's 3 s-doubling 5xx backoff)`,
    );
  });

  it("editMessageText: 429, reset and 500 on an in-place menu", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "tapping a menu button; editMessageText answers 429 (retry_after 1), then the connection resets, then 500",
      checked: "the edited menu arrives exactly once, the button is answered; same process",
    });
    const { api, chat } = session;
    await chat.send("/start");
    const message = chat.messageWithButton(Buttons.nav.pack({ screen: "projects" }));
    api.failNext("editMessageText", { error_code: 429, retry_after: 1 });
    api.resetNext("editMessageText");
    api.failNext("editMessageText", { error_code: 500, description: "Internal Server Error" });
    const since = api.calls.length;
    const started = performance.now();
    api.push({
      callback_query: {
        id: "cb-faults",
        from: { id: OWNER_ID, is_bot: false, first_name: "Owner" },
        chat_instance: "ci",
        data: Buttons.nav.pack({ screen: "projects" }),
        message,
      },
    });
    const isProjects = (c: RecordedCall) =>
      c.method === "editMessageText" &&
      JSON.stringify(c.payload.reply_markup ?? "").includes(Buttons.nav.pack({ screen: "list", status: "idea" }));
    const edited = await api.waitForCall((c) => isProjects(c) && c.result !== undefined, { since, timeoutMs: 30_000 });
    await chat.settle(30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(delivered(api.calls.slice(since), isProjects)).toHaveLength(1);
    expect(
      api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery" && c.result !== undefined),
    ).toHaveLength(1);
    alive();
    done(
      `edited once after ${api.calls.slice(since).filter(isProjects).length} attempts, ${((edited.receivedAt - started) / 1000).toFixed(1)} s`,
    );
  });

  it("getUpdates: 429, 502 and two connection resets while the owner waits", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "getUpdates answers 429 (retry_after 1), then 502, then its connection resets twice; the owner sends /start meanwhile",
      checked:
        "polling resumes by itself, the /start is handled exactly once (offset not lost or repeated); same process",
    });
    const { api, chat } = session;
    await chat.settle();
    const since = api.calls.length;
    api.failNext("getUpdates", { error_code: 429, retry_after: 1 });
    api.failNext("getUpdates", { error_code: 502, description: "Bad Gateway" });
    api.resetNext("getUpdates", 2);
    await api.waitForCall((c) => c.method === "getUpdates", { since, timeoutMs: 10_000 }); // the first faulted poll
    const started = performance.now();
    api.push(textMessage("/start"));
    const reply = await api.waitForCall((c) => isMenu(c) && c.result !== undefined, { since, timeoutMs: 40_000 });
    await chat.settle(30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(delivered(api.calls.slice(since), isMenu)).toHaveLength(1);
    const polls = api.calls.slice(since).filter((c) => c.method === "getUpdates").length;
    expect(polls).toBeGreaterThanOrEqual(5);
    alive();
    expect(session.bot.output).toContain("getUpdates failed; retrying");
    done(
      `answered once ${((reply.receivedAt - started) / 1000).toFixed(1)} s after the /start was sent, ${polls} polls; failures logged as warnings`,
    );
  });

  it("sendMessage: resets beyond the retry budget", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "the connection of sendMessage resets three times in a row (more than the bounded network retry allows)",
      checked:
        "the bot gives up on that one reply (no endless loop, no duplicate), logs it, and answers the next /start normally; same process",
    });
    const { api, chat } = session;
    await chat.settle();
    const errorLines = () => session.bot.output.split("\n").filter((line) => line.includes('"level":50')).length;
    const errorsBefore = errorLines();
    api.resetNext("sendMessage", 3);
    const since = api.calls.length;
    api.push(textMessage("/start"));
    await chat.settle(30_000);
    const lost = api.calls.slice(since).filter(isMenu);
    expect(lost).toHaveLength(3);
    expect(delivered(lost, isMenu)).toHaveLength(0);
    expect(session.bot.output).toContain("Bot API unreachable; retrying");
    expect(errorLines()).toBe(errorsBefore + 1);
    const next = await chat.send("/start");
    expect(isMenu(next)).toBe(true);
    expect(delivered(api.calls.slice(since), isMenu)).toHaveLength(1);
    alive();
    done(`${lost.length} attempts, then the update was skipped with an error log; the next /start answered normally`);
  });
});
