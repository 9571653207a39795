import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeNotion } from "../support/fake-notion.ts";
import { FakeGemini, type GeminiRequest } from "../support/fake-gemini.ts";
import { FakeFal } from "../support/fake-fal.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { addIdea, textOf } from "../support/ai-helpers.ts";
import { buttonsOf, callback, isButton } from "../support/owner-chat.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { ms, ownerStartLatency, percentile } from "./support/measure.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "Notion, Gemini and Fal outages";
const OUTAGE_MS = 30_000;
const notion = new FakeNotion();
// A key shaped like a real one (39 characters): no 12-character piece of it is also part of the model name.
const gemini = new FakeGemini("AIzaSyD4kq7-Xp2LmZc9VbN3tRw8YhJf6sUeGaQ");
const fal = new FakeFal();
const session = new BotSession({
  env: {
    NOTION_API_KEY: notion.apiKey,
    NOTION_DB_ID: notion.databaseId,
    NOTION_TIMEOUT_MS: "1500",
    LLM_API_KEY: gemini.apiKey,
    LLM_MODEL: "gemini-test-model",
    GEMINI_TIMEOUT_MS: "1500",
    FAL_API_KEY: fal.key,
    FAL_RETRIES: "off",
    FAL_TIMEOUT_MS: "3000",
  },
});
const writer = (request: GeminiRequest) => ({
  text: request.prompt.includes("Translate")
    ? "oak lamp"
    : request.prompt.includes("TikTok")
      ? "Lamp! #IndustrialDesign"
      : "Oak Lamp\nA lamp.",
});
const sql = (query: string) => {
  const db = new Database(session.databaseUrl.slice("file:".length), { readonly: true });
  try {
    return db.prepare(query).all() as any[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  await Promise.all([notion.start(), gemini.start(), fal.start()]);
  // The fakes' addresses must be known before the bot starts.
  Object.assign((session as any).env, {
    NOTION_BASE_URL: notion.baseUrl,
    GEMINI_BASE_URL: gemini.baseUrl,
    FAL_BASE_URL: fal.baseUrl,
  });
  gemini.reply = writer;
  await session.start();
});
afterAll(async () => {
  await session.close();
  await Promise.all([notion.close(), gemini.close(), fal.close()]);
});

describe("integration outages", () => {
  it("Notion down for 30 s (429, 500, timeouts): changes queue, then sync once each; the bot stays responsive", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: `Notion unavailable for ${OUTAGE_MS / 1000} s: 429 with Retry-After, then 500 for the rest of the window, plus answers slower than NOTION_TIMEOUT_MS (1.5 s); 3 ideas added and one renamed during the outage`,
      checked:
        "each idea is saved and confirmed at once; /start answered during the outage; after it every change reaches Notion: one page per idea (no duplicates), latest title, no job left pending or failed",
    });
    const { chat } = session;
    notion.failNext(3, { status: 429, code: "rate_limited", retryAfter: 1 });
    notion.delayNext(4000);
    notion.delayNext(4000);
    notion.failFor(OUTAGE_MS, { status: 500, code: "internal_server_error" });
    const outageStart = Date.now();
    const confirmMs: number[] = [];
    const ids: number[] = [];
    for (const name of ["Outage A", "Outage B", "Outage C"]) {
      const started = performance.now();
      ids.push(await addIdea(chat, name, `${name} description`));
      confirmMs.push(performance.now() - started);
    }
    await chat.tap(Buttons.project.pack({ id: ids[0], action: "open" }));
    await chat.tap(Buttons.project.pack({ id: ids[0], action: "edit" }));
    await chat.tap(Buttons.project.pack({ id: ids[0], action: "rename" }));
    await chat.send("Outage A renamed");
    const latencies: number[] = [];
    while (Date.now() - outageStart < OUTAGE_MS - 2000) {
      latencies.push((await ownerStartLatency(session.api)).latencyMs);
      await chat.settle();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(notion.livePages()).toHaveLength(0);
    const failedDuring = notion.requests.filter((r) => r.status >= 400).length;
    await until(
      () =>
        notion.livePages().length === 3 &&
        notion.livePages().some((p) => p.title === "Outage A renamed") &&
        sql("SELECT COUNT(*) AS n FROM SyncJob")[0].n === 0,
      120_000,
    );
    const syncedAfterMs = Date.now() - outageStart - OUTAGE_MS;
    expect(
      notion
        .livePages()
        .map((p) => p.title)
        .sort(),
    ).toEqual(["Outage A renamed", "Outage B", "Outage C"]);
    expect(sql("SELECT COUNT(*) AS n FROM SyncJob WHERE state = 'failed'")[0].n).toBe(0);
    expect(percentile(latencies, 50)).toBeLessThan(200);
    expect(session.bot.child.exitCode).toBeNull();
    done(
      `${failedDuring} Notion requests failed during the outage; ideas confirmed in ${confirmMs.map((v) => `${(v / 1000).toFixed(2)} s`).join(", ")} (4 steps each); ` +
        `/start during the outage p50 ${ms(percentile(latencies, 50))}, max ${ms(Math.max(...latencies))} (${latencies.length} samples); ` +
        `all synced ${(syncedAfterMs / 1000).toFixed(1)} s after the outage ended (retry backoff), 3 pages for 3 ideas, latest title`,
    );
  });

  /**
   * Taps a card button and, while the AI call hangs or fails, checks that /start is answered; resolves with the fault
   * message.
   */
  async function faultWhileResponsive(button: string, anchor: string, fault: (c: RecordedCall) => boolean) {
    const { api, chat } = session;
    const since = api.calls.length;
    await chat.push(callback(button, chat.messageWithButton(anchor)));
    const { latencyMs } = await ownerStartLatency(api);
    const message = await api.waitForCall(fault, { since, timeoutMs: 20_000 });
    await chat.settle(20_000);
    const faults = api.calls.slice(since).filter(fault);
    return { message, faults, latencyMs };
  }

  it("Gemini 503 and timeout: one clear message with Retry, other commands answered meanwhile", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "the card texts (Gemini) while Gemini answers 503, then while it does not answer within GEMINI_TIMEOUT_MS (1.5 s)",
      checked:
        "exactly one message naming the problem, with a Retry button; /start answered while the request is pending; Retry works once Gemini is back",
    });
    const id = await addIdea(session.chat, "Gemini lamp", "Лампа из дуба");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const observed: string[] = [];
    for (const [name, reply, expected] of [
      ["503", { status: 503 }, "Gemini сейчас недоступен"],
      ["timeout", { delayMs: 2500 }, "Gemini не ответил вовремя"],
    ] as const) {
      gemini.reply = () => reply;
      const { message, faults, latencyMs } = await faultWhileResponsive(
        Buttons.ai.pack({ projectId: id, action: "texts" }),
        Buttons.ai.pack({ projectId: id, action: "texts" }),
        (c) => c.method === "editMessageText" && textOf(c).includes(expected),
      );
      expect(faults).toHaveLength(1);
      expect(buttonsOf(message).map((b) => b.data)).toEqual([Buttons.ai.pack({ projectId: id, action: "texts" })]);
      observed.push(`${name}: one message "${expected}" + Retry, /start meanwhile in ${ms(latencyMs)}`);
      gemini.reply = writer;
    }
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "texts" }));
    await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("#IndustrialDesign"), {
      since,
    });
    done(`${observed.join("; ")}; Retry afterwards produced the texts`);
  });

  it("Fal 500 and no result in time: one clear message with Retry, other commands answered meanwhile", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "a moodboard (Fal) while Fal's submit answers 500, then while the job never completes (FAL_TIMEOUT_MS 3 s)",
      checked:
        "exactly one message naming the problem, with a Retry button; /start answered while the generation is pending; nothing saved",
    });
    const id = await addIdea(session.chat, "Fal lamp", "Лампа из дуба");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const assets = sql("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n;
    const observed: string[] = [];
    for (const [name, arm, expected] of [
      ["500", () => fal.failNext("submit", 500), "Fal сейчас недоступен"],
      ["no result", () => (fal.hang = true), "не прислал картинки вовремя"],
    ] as const) {
      arm();
      const { message, faults, latencyMs } = await faultWhileResponsive(
        Buttons.ai.pack({ projectId: id, action: "newMoodboard" }),
        Buttons.ai.pack({ projectId: id, action: "moodboards" }),
        (c) => c.method === "editMessageText" && textOf(c).includes(expected),
      );
      expect(faults).toHaveLength(1);
      expect(buttonsOf(message).some((b) => b.text.includes("Повторить") && isButton(Buttons.moodboard, b.data))).toBe(
        true,
      );
      observed.push(`${name}: one message "${expected}" + Retry, /start meanwhile in ${ms(latencyMs)}`);
      fal.reset();
    }
    expect(sql("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n).toBe(assets);
    done(`${observed.join("; ")}; no asset saved`);
  });

  it("secrets in error texts: Gemini quoting its URL with the key, Notion echoing the Authorization header", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "Gemini answers 400 with a message that quotes its request URL including ?key=LLM_API_KEY; Notion answers 400 " +
        "validation_error with a message echoing `Authorization: Bearer NOTION_API_KEY`; then /sync and /export",
      checked:
        "no 12-character piece of either key in the bot's log, in any Bot API call (texts, captions, uploaded files), " +
        "or in SyncJob.lastError",
    });
    const pieces = (secret: string) => Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
    const needles = [...pieces(gemini.apiKey), ...pieces(notion.apiKey)];
    const found = (text: string) => needles.filter((needle) => text.includes(needle));
    const { api, chat } = session;
    const since = api.calls.length;
    const url = `https://generativelanguage.googleapis.com/v1beta/models/gemini-test-model:generateContent?key=${gemini.apiKey}`;
    gemini.reply = () => ({ status: 400, message: `Request to ${url} was rejected: quota project not set` });
    const id = await addIdea(chat, "Secret lamp", "Лампа из дуба");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    await chat.push(
      callback(
        Buttons.ai.pack({ projectId: id, action: "texts" }),
        chat.messageWithButton(Buttons.ai.pack({ projectId: id, action: "texts" })),
      ),
    );
    await api.waitForCall((c) => c.method === "editMessageText" && textOf(c).includes("Gemini"), {
      since,
      timeoutMs: 20_000,
    });
    await chat.settle(20_000);
    gemini.reply = writer;
    notion.failNext(3, {
      status: 400,
      code: "validation_error",
      message: `body failed validation. Request was: {"headers":{"Authorization":"Bearer ${notion.apiKey}"}} Authorization: Bearer ${notion.apiKey}`,
    });
    await addIdea(chat, "Echo lamp", "Notion echoes headers");
    await until(() => sql("SELECT COUNT(*) AS n FROM SyncJob WHERE lastError IS NOT NULL")[0].n > 0, 60_000);
    await chat.send("/sync");
    await chat.settle(20_000);
    const exportSince = api.calls.length;
    await chat.send("/export");
    await api.waitForCall((c) => c.method === "sendDocument", { since: exportSince, timeoutMs: 30_000 });
    await chat.settle(20_000);
    const errors = sql("SELECT lastError FROM SyncJob WHERE lastError IS NOT NULL").map((row) => String(row.lastError));
    const calls = api.calls.slice(since).map(
      (c) =>
        JSON.stringify(c.payload) +
        Object.values(c.files)
          .map((f) => f.bytes.toString("latin1"))
          .join(""),
    );
    expect(found(session.bot.output)).toEqual([]);
    expect(calls.flatMap(found)).toEqual([]);
    expect(errors.flatMap(found)).toEqual([]);
    expect(errors.join(" ")).toMatch(/validation/i);
    done(
      `0 key pieces in ${Math.round(session.bot.output.length / 1024)} KB of log, ${calls.length} Bot API calls and ` +
        `${errors.length} SyncJob.lastError values (stored: “${errors[0].slice(0, 80)}”)`,
    );
  });
});
