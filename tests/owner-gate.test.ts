import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { callback, textMessage } from "./support/owner-chat.ts";
import { OWNER_ID, STRANGER_ID } from "./support/fake-bot-api.ts";
import { Buttons } from "../src/bot/buttons.ts";

const stranger = { id: STRANGER_ID, is_bot: false, first_name: "Eve" };
const chat = { id: STRANGER_ID, type: "private", first_name: "Eve" };
const group = { id: -100123, type: "supergroup", title: "Group" };
const channel = { id: -100999, type: "channel", title: "Channel" };
const msg = (extra: object = {}) => ({
  message_id: 77,
  date: 1,
  chat,
  from: stranger,
  text: "/start",
  entities: [{ type: "bot_command", offset: 0, length: 6 }],
  ...extra,
});

/** One update of every kind a stranger (or nobody) can cause. */
const strangerUpdates: Record<string, unknown>[] = [
  textMessage("/start", STRANGER_ID),
  textMessage("/settings", STRANGER_ID),
  textMessage("hello", STRANGER_ID),
  {
    message: msg({
      text: undefined,
      entities: undefined,
      photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
    }),
  },
  { message: msg({ text: undefined, entities: undefined, voice: { file_id: "v", file_unique_id: "v", duration: 1 } }) },
  { edited_message: msg({ edit_date: 2 }) },
  callback(Buttons.nav.pack({ screen: "main" }), { message_id: 1, date: 0, chat, text: "x" }, STRANGER_ID),
  callback(
    Buttons.settings.pack({ section: "language", arg: "en" }),
    { message_id: 1, date: 0, chat, text: "x" },
    STRANGER_ID,
  ),
  { inline_query: { id: "iq", from: stranger, query: "ideas", offset: "" } },
  { chosen_inline_result: { result_id: "r", from: stranger, query: "q" } },
  { channel_post: { message_id: 1, date: 1, chat: channel, text: "/start" } },
  { edited_channel_post: { message_id: 1, date: 1, chat: channel, text: "/start", edit_date: 2 } },
  {
    my_chat_member: {
      chat: group,
      from: stranger,
      date: 1,
      old_chat_member: { status: "left", user: stranger },
      new_chat_member: { status: "member", user: stranger },
    },
  },
  {
    chat_member: {
      chat: group,
      from: stranger,
      date: 1,
      old_chat_member: { status: "left", user: stranger },
      new_chat_member: { status: "member", user: stranger },
    },
  },
  { chat_join_request: { chat: group, from: stranger, user_chat_id: STRANGER_ID, date: 1 } },
  {
    poll: {
      id: "poll",
      question: "?",
      options: [],
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: true,
      type: "regular",
      allows_multiple_answers: false,
    },
  },
  { poll_answer: { poll_id: "poll", user: stranger, option_ids: [0] } },
  {
    message_reaction: {
      chat,
      message_id: 1,
      user: stranger,
      date: 1,
      old_reaction: [],
      new_reaction: [{ type: "emoji", emoji: "👍" }],
    },
  },
  { shipping_query: { id: "s", from: stranger, invoice_payload: "x", shipping_address: {} } },
  { pre_checkout_query: { id: "p", from: stranger, currency: "USD", total_amount: 1, invoice_payload: "x" } },
  // The owner too is ignored outside the private chat (groups, channels), and bots never pass.
  { message: { ...textMessage("/start").message, chat: group } },
  { message: { ...textMessage("/start").message, from: { id: OWNER_ID, is_bot: true, first_name: "Imposter" } } },
  { unknown_future_update: { some: "thing" } },
];

/** Rows per table; Setting counts only per-user keys (background jobs keep their own bookkeeping there). */
function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
      )
      .all() as { name: string }[];
    const where = (name: string) => (name === "Setting" ? ` WHERE key LIKE 'locale:%'` : "");
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"${where(name)}`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

describe("owner gate", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("ignores every kind of update from anyone but the owner: no reply, no answer, no write", async () => {
    const file = session.databaseUrl.slice("file:".length);
    const before = rowCounts(file);
    const since = session.api.calls.length;
    let lastId = 0;
    for (const update of strangerUpdates) lastId = session.api.push(update);

    // The owner's /start is answered only after every earlier update was consumed.
    const reply = await session.chat.send("/start");
    expect(reply.payload.chat_id).toBe(OWNER_ID);
    await session.chat.settle();
    expect(session.api.confirmedOffset).toBeGreaterThan(lastId);
    const housekeeping = ["getUpdates", "setMyCommands", "getMe", "deleteWebhook"];
    const toStrangers = session.api.calls
      .slice(since)
      .filter((c) => !housekeeping.includes(c.method) && c.payload.chat_id !== OWNER_ID);
    expect(toStrangers).toEqual([]);
    expect(
      session.api.calls
        .slice(since)
        .filter((c) => c.method === "answerCallbackQuery" || c.method === "answerInlineQuery"),
    ).toEqual([]);
    expect(rowCounts(file)).toEqual(before);
    expect(session.bot.child.exitCode).toBeNull();
  });
});
