import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { BOT_USER, OWNER_ID } from "./support/fake-bot-api.ts";
import { editByHand, imageByHand, paragraphByHand } from "./support/fake-notion-hand.ts";
import { isChatOutput } from "./support/owner-chat.ts";
import { CHANGES, addSyncedIdea, pollsPass, pullEnv, sentWith, textOf } from "./support/notion-pull-helpers.ts";
import { until } from "./support/until.ts";
import { Buttons } from "../src/bot/buttons.ts";

const NOTE = "📝 Ножки из стали";
const COLLAGE = "Мудборд «Лофт» — коллаж";

describe("a description edited in the Notion page body flows back to the bot", () => {
  const notion = new FakeNotion({ schema: { statusType: "status", statusOptions: ["Idea", "Active", "Archive"] } });
  let session: BotSession;
  let table: { id: number; pageId: string };
  const page = () => notion.pages.find((p) => p.id === table.pageId)!;
  const description = () => {
    const db = new Database(session.databaseUrl.slice("file:".length), { readonly: true });
    try {
      return (db.prepare("SELECT description FROM Project WHERE id = ?").get(table.id) as { description: string })
        .description;
    } finally {
      db.close();
    }
  };
  const card = () =>
    session.chat.tap(
      Buttons.project.pack({ id: table.id, action: "open" }),
      (c) => isChatOutput(c) && textOf(c).includes("<b>"),
    );
  /** Writes Notion makes to the page: properties, appended blocks, removed blocks. */
  const writes = () =>
    notion.count("PATCH /pages/:id") + notion.count("PATCH /blocks/:id/children") + notion.count("DELETE /blocks/:id");
  /** Replaces the description paragraphs (every paragraph above the note) the way the owner types in Notion. */
  const describeInNotion = (lines: string[], at?: Date) =>
    editByHand(notion, table.pageId, {
      at,
      body: (blocks) => [...lines.map(paragraphByHand), ...blocks.slice(blocks.findIndex((b) => b.text === NOTE))],
    });

  beforeAll(async () => {
    await notion.start();
    session = await new BotSession({ env: pullEnv(notion) }).start();
    table = await addSyncedIdea(session.chat, notion, "Стол", "Дуб");
    // A note attached in the bot (written after the description) and a moodboard collage below it.
    await session.chat.tap(Buttons.project.pack({ id: table.id, action: "open" }));
    const target = session.chat.messageWithButton(Buttons.project.pack({ id: table.id, action: "activate" }));
    const replied = { ...target, from: BOT_USER };
    const owner = { id: OWNER_ID, is_bot: false, first_name: "Owner", language_code: "ru" };
    await session.chat.push({
      message: {
        message_id: 70_001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: OWNER_ID, type: "private" },
        from: owner,
        reply_to_message: replied,
        text: "Ножки из стали",
      },
    });
    await until(() => notion.bodyOf(page()) === `Дуб\n${NOTE}`);
    page().blocks.push(imageByHand(notion, COLLAGE));
    await pollsPass(notion, 2);
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  it("does not take the bot's own body (note line, collage) for an edit", () => {
    expect(sentWith(session, CHANGES)).toHaveLength(0);
    expect(description()).toBe("Дуб");
  });

  it("applies a description edited in Notion, tells the owner and writes nothing back", async () => {
    const before = writes();
    describeInNotion(["Дуб <мореный> & лак", "Столешница 2 м"]);
    const report = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(CHANGES));
    expect(textOf(report)).toContain("«Стол»: новое описание — Дуб &lt;мореный&gt; &amp; лак Столешница 2 м");
    expect(description()).toBe("Дуб <мореный> & лак\nСтолешница 2 м");
    expect(textOf(await card())).toContain("Дуб &lt;мореный&gt; &amp; лак\nСтолешница 2 м");
    await pollsPass(notion, 3);
    expect(sentWith(session, CHANGES)).toHaveLength(1);
    expect(writes()).toBe(before);
    expect(textOf(await session.chat.send("/sync"))).toContain("Очередь пуста");
    expect(notion.imagesOf(page()).map((i) => i.caption)).toEqual([COLLAGE]);
  });

  it("clears the description when the owner empties it in Notion (the note and the collage stay out of it)", async () => {
    const before = sentWith(session, CHANGES).length;
    describeInNotion([]);
    await until(() => sentWith(session, CHANGES).length > before);
    expect(textOf(sentWith(session, CHANGES)[before])).toContain("«Стол»: описание очищено");
    expect(description()).toBe("");
  });

  it("keeps a later local edit over an earlier Notion edit and writes it to Notion", async () => {
    notion.failFor(60_000, { status: 503, code: "service_unavailable" }, "PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id: table.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: table.id, action: "describe" }));
    await session.chat.send("Сосна, локально");
    const before = sentWith(session, CHANGES).length;
    describeInNotion(["Бук из Notion"], new Date(Date.now() - 30_000));
    await pollsPass(notion, 3);
    expect(sentWith(session, CHANGES)).toHaveLength(before);
    expect(description()).toBe("Сосна, локально");
    notion.clearFaults();
    await session.chat.send("/sync");
    await session.chat.tap(Buttons.sync.pack({ action: "retry" }), (c) => c.method === "answerCallbackQuery");
    await until(() => notion.bodyOf(page()) === `Сосна, локально\n${NOTE}`, 20_000);
    expect(notion.imagesOf(page()).map((i) => i.caption)).toEqual([COLLAGE]);
    await pollsPass(notion, 2);
    expect(sentWith(session, CHANGES)).toHaveLength(before);
    expect(description()).toBe("Сосна, локально");
  });
});
