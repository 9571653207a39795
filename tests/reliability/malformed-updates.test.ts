import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { OWNER_ID } from "../support/fake-bot-api.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { ms, ownerStartLatency, percentile } from "./support/measure.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const owner = { id: OWNER_ID, is_bot: false, first_name: "Owner", language_code: "ru" };
const chat = { id: OWNER_ID, type: "private", first_name: "Owner" };
const message = (extra: Record<string, unknown>) => ({
  message: { message_id: 5, date: 1, chat, from: owner, ...extra },
});
const tapOn = (data: unknown) => ({
  callback_query: {
    id: `cb-${Math.random()}`,
    from: owner,
    chat_instance: "ci",
    data,
    message: { message_id: 1, date: 0, chat, text: "x" },
  },
});
const TRICKY = "\u202e<b>Лампа</b>\u200b\u200d🙂‍↔️ שלום مرحبا &amp; \u0000";

/** Updates Telegram would never send, or would send with surprising content, as if from the owner. */
const malformed: [string, Record<string, unknown>][] = [
  ["message without from", { message: { message_id: 1, date: 1, chat, text: "/start" } }],
  ["message without chat", { message: { message_id: 1, date: 1, from: owner, text: "/start" } }],
  ["message with nothing but an id", { message: { message_id: 1 } }],
  ["empty update", {}],
  ["update kind null", { message: null }],
  ["1 MB text", message({ text: "я".repeat(512 * 1024) })],
  [
    "1 MB command argument",
    message({ text: `/start ${"x".repeat(1024 * 1024)}`, entities: [{ type: "bot_command", offset: 0, length: 6 }] }),
  ],
  [
    "100 000 entities",
    message({
      text: "/start",
      entities: Array.from({ length: 100_000 }, (_, i) => ({ type: "bold", offset: i, length: 1 })),
    }),
  ],
  ["entity outside the text", message({ text: "/x", entities: [{ type: "bot_command", offset: 50, length: 900 }] })],
  ["text is a number", message({ text: 42 })],
  ["text is an object", message({ text: { toString: "boom" } })],
  [
    "from.id as a string",
    { message: { message_id: 1, date: 1, chat, from: { ...owner, id: String(OWNER_ID) }, text: "/start" } },
  ],
  [
    "chat.id as a string",
    { message: { message_id: 1, date: 1, chat: { ...chat, id: String(OWNER_ID) }, from: owner, text: "/start" } },
  ],
  ["date in the far future, negative message id", message({ date: 9_999_999_999, message_id: -5, text: "hi" })],
  ["photo with an empty size list", message({ photo: [] })],
  ["document with no file_id", message({ document: { file_name: "../../etc/passwd" } })],
  [
    "voice with a 10 GB size",
    message({ voice: { file_id: "nope", file_unique_id: "n", duration: 1e9, file_size: 1e10 } }),
  ],
  [
    "reply_to_message nested 500 deep",
    message({
      text: "deep",
      reply_to_message: Array.from({ length: 500 }).reduce<Record<string, unknown>>(
        (inner) => ({ message_id: 2, date: 1, chat, reply_to_message: inner }),
        { message_id: 1, date: 1, chat },
      ),
    }),
  ],
  ["emoji, zero-width, RTL and NUL text", message({ text: TRICKY })],
  [
    "edited message from the owner",
    { edited_message: { message_id: 1, date: 1, edit_date: 2, chat, from: owner, text: "/settings" } },
  ],
  ["callback data: random bytes", tapOn("\u0001\u00ff\ud83d garbage ::: \u202e")],
  ["callback data: 5 KB", tapOn("p:".padEnd(5000, "9"))],
  ["callback data: ids out of range", tapOn("p:99999999999999999999999:delete:yes")],
  ["callback data: negative and NaN ids", tapOn("p:-1:open")],
  ["callback data: NaN id", tapOn("p:NaN:activate:30")],
  ["callback data: object", tapOn({ evil: true })],
  ["callback data: missing", tapOn(undefined)],
  [
    "callback without a message",
    { callback_query: { id: "cbx", from: owner, chat_instance: "ci", data: Buttons.nav.pack({ screen: "main" }) } },
  ],
  [
    "callback on an inline message",
    {
      callback_query: {
        id: "cby",
        from: owner,
        chat_instance: "ci",
        inline_message_id: "im",
        data: Buttons.settings.pack({ section: "language", arg: "en" }),
      },
    },
  ],
  ["unknown update kind from the owner", { brand_new_kind: { from: owner, chat, text: "/start" } }],
];

describe("malformed updates", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("no crash: after each malformed update the owner's /start is still answered", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Strangers and malformed updates",
      injected: `${malformed.length} malformed updates as if from the owner: ${malformed.map(([name]) => name).join("; ")}`,
      checked:
        "after each one the process is alive and answers the owner's next /start; the update is confirmed (not redelivered forever)",
    });
    const { api, chat: owner } = session;
    await until(() => api.callsOf("setMyCommands").length >= 3);
    const latencies: number[] = [];
    const replied: string[] = [];
    for (const [name, update] of malformed) {
      const since = api.calls.length;
      const id = api.push(update);
      await owner.settle(30_000).catch(() => undefined); // a stuck update shows up below as the unanswered /start
      if (api.calls.slice(since).some((c) => c.method !== "getUpdates")) replied.push(name);
      const { latencyMs } = await ownerStartLatency(api).catch((error) => {
        throw new Error(`after "${name}": ${error.message}\n${session.bot.output.slice(-2000)}`);
      });
      latencies.push(latencyMs);
      await owner.settle();
      expect(api.confirmedOffset, name).toBeGreaterThan(id);
      expect(session.bot.child.exitCode, name).toBeNull();
    }
    // The tricky text as a project name comes back escaped in the confirmation.
    await owner.send("/new");
    await owner.send(TRICKY.slice(0, 60));
    await owner.send("описание");
    const saved = await owner.tap(
      Buttons.flow.pack({ action: "skip" }),
      (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
    );
    expect(saved.payload.text).toContain("&lt;b&gt;Лампа&lt;/b&gt;");
    expect(saved.payload.text).not.toContain("<b>Лампа</b>");
    expect((await owner.send("/start")).payload.chat_id).toBe(OWNER_ID);
    const failures = session.bot.output.split("\n").filter((line) => /"level":50/.test(line)).length;
    done(
      `${malformed.length}/${malformed.length} survived, process never restarted; owner answered after each (p50 ${ms(percentile(latencies, 50))}, max ${ms(Math.max(...latencies))}); ` +
        `the bot also reacted to ${replied.length} of them (${replied.join("; ") || "none"}); ${failures} errors logged (each update skipped, none fatal); RTL/zero-width/emoji name stored and shown escaped`,
    );
  });
});
