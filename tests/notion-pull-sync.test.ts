import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { editByHand } from "./support/fake-notion-hand.ts";
import { buttonsOf, isChatOutput } from "./support/owner-chat.ts";
import { CHANGES, addSyncedIdea, pollsPass, pullEnv, sentWith, textOf } from "./support/notion-pull-helpers.ts";
import { until } from "./support/until.ts";
import { Buttons } from "../src/bot/buttons.ts";

const MINUTE = 60_000;

describe("edits made in Notion flow back to the bot", () => {
  const notion = new FakeNotion({
    schema: { statusType: "status", statusOptions: ["Idea", "Active", "Archive", "Someday"] },
  });
  let session: BotSession;
  let lamp: { id: number; pageId: string };
  let chair: { id: number; pageId: string };

  beforeAll(async () => {
    await notion.start();
    session = await new BotSession({ env: pullEnv(notion) }).start();
    lamp = await addSyncedIdea(session.chat, notion, "Лампа", "Латунь");
    chair = await addSyncedIdea(session.chat, notion, "Кресло", "Бук");
    await pollsPass(notion, 2);
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  const card = (id: number) =>
    session.chat.tap(Buttons.project.pack({ id, action: "open" }), (c) => isChatOutput(c) && textOf(c).includes("<b>"));

  it("does not report the bot's own writes as Notion edits", () => {
    expect(sentWith(session, CHANGES)).toHaveLength(0);
  });

  it("applies a status moved in Notion, tells the owner once and does not echo it back", async () => {
    const patches = notion.count("PATCH /pages/:id");
    editByHand(notion, lamp.pageId, { status: "Active" });
    const report = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(CHANGES));
    expect(textOf(report)).toContain("«Лампа»: 💡 Идея → 🚀 В работе");
    expect(buttonsOf(report).map((b) => b.data)).toEqual([Buttons.project.pack({ id: lamp.id, action: "open" })]);
    await pollsPass(notion, 3);
    expect(sentWith(session, CHANGES)).toHaveLength(1);
    expect(notion.count("PATCH /pages/:id")).toBe(patches);
    expect(textOf(await session.chat.send("/sync"))).toContain("Очередь пуста");
    expect(textOf(await card(lamp.id))).toContain("🚀 В работе");
  });

  it("renames locally when the title is renamed in Notion, and lists every changed project in one message", async () => {
    const before = sentWith(session, CHANGES).length;
    editByHand(notion, lamp.pageId, { title: "Лампа <Луна> & 🙂" });
    editByHand(notion, chair.pageId, { title: "Кресло-качалка", status: "Archive" });
    await until(() => sentWith(session, CHANGES).length > before);
    await pollsPass(notion, 2);
    const reports = sentWith(session, CHANGES).slice(before);
    expect(reports).toHaveLength(1);
    const text = textOf(reports[0]);
    expect(text).toContain("«Лампа» → «Лампа &lt;Луна&gt; &amp; 🙂»");
    expect(text).toContain("«Кресло» → «Кресло-качалка»");
    expect(text).toContain("«Кресло-качалка»: 💡 Идея → 🗄 Архив");
    expect(textOf(await card(lamp.id))).toContain("<b>Лампа &lt;Луна&gt; &amp; 🙂</b>");
    expect(textOf(await card(chair.id))).toContain("Кресло-качалка");
  });

  it("ignores a status option it cannot map, but still takes the title", async () => {
    const before = sentWith(session, CHANGES).length;
    editByHand(notion, lamp.pageId, { title: "Лампа II", status: "Someday" });
    await until(() => sentWith(session, CHANGES).length > before);
    const text = textOf(sentWith(session, CHANGES)[before]);
    expect(text).toContain("→ «Лампа II»");
    expect(text).not.toContain("→ 💡");
    expect(textOf(await card(lamp.id))).toContain("🚀 В работе");
    expect(session.bot.output).toContain("unknown status option ignored");
  });

  it("keeps the local change when it is newer than the Notion edit, then writes it to Notion", async () => {
    notion.failFor(60_000, { status: 503, code: "service_unavailable" }, "PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id: lamp.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: lamp.id, action: "rename" }));
    await session.chat.send("Лампа локальная");
    const before = sentWith(session, CHANGES).length;
    // Edited in Notion before the local rename (Notion reports the minute it happened in).
    editByHand(notion, lamp.pageId, { title: "Лампа из Notion", at: new Date(Date.now() - 30_000) });
    await pollsPass(notion, 3);
    expect(sentWith(session, CHANGES)).toHaveLength(before);
    expect(textOf(await card(lamp.id))).toContain("Лампа локальная");
    notion.clearFaults();
    await session.chat.send("/sync");
    await session.chat.tap(Buttons.sync.pack({ action: "retry" }), (c) => c.method === "answerCallbackQuery");
    await until(() => notion.pages.find((p) => p.id === lamp.pageId)!.title === "Лампа локальная", 20_000);
    await pollsPass(notion, 2);
    expect(sentWith(session, CHANGES)).toHaveLength(before);
  });

  it("takes the Notion edit when it is newer than a conflicting local change", async () => {
    notion.failFor(60_000, { status: 503, code: "service_unavailable" }, "PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id: chair.id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: chair.id, action: "restore", arg: "idea" }));
    await session.chat.tap(Buttons.project.pack({ id: chair.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: chair.id, action: "rename" }));
    await session.chat.send("Кресло локальное");
    const before = sentWith(session, CHANGES).length;
    editByHand(notion, chair.pageId, { title: "Кресло из Notion", at: new Date(Date.now() + 2 * MINUTE) });
    await until(() => sentWith(session, CHANGES).length > before);
    expect(textOf(sentWith(session, CHANGES)[before])).toContain("«Кресло локальное» → «Кресло из Notion»");
    notion.clearFaults();
    await session.chat.send("/sync");
    await session.chat.tap(Buttons.sync.pack({ action: "retry" }), (c) => c.method === "answerCallbackQuery");
    // The restore made locally (not touched in Notion) is written; the title stays Notion's.
    const page = await until(() => notion.pages.find((p) => p.id === chair.pageId && p.status === "Idea"), 20_000);
    expect(page.title).toBe("Кресло из Notion");
    expect(textOf(await card(chair.id))).toContain("<b>Кресло из Notion</b>");
  });

  it("re-syncs a project whose status was pulled from Notion while the outbox was writing an older state", async () => {
    const vase = await addSyncedIdea(session.chat, notion, "Ваза", "Стекло");
    await pollsPass(notion, 2);
    notion.holdNext(2500, "PATCH /pages/:id");
    await session.chat.tap(Buttons.project.pack({ id: vase.id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: vase.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: vase.id, action: "rename" }));
    await session.chat.send("Ваза А"); // the outbox has read the project (idea) and its write is held
    editByHand(notion, vase.pageId, { status: "Active" });
    await until(() => sentWith(session, CHANGES).some((c) => textOf(c).includes("«Ваза А»: 💡 Идея → 🚀 В работе")));
    // The held write lands with the older status, then the outbox notices and writes again.
    const page = await until(() => {
      const p = notion.pages.find((x) => x.id === vase.pageId)!;
      return p.title === "Ваза А" && p.status === "Active" && notion.count("PATCH /pages/:id") >= 2 ? p : undefined;
    }, 20_000);
    await pollsPass(notion, 2);
    expect(page.status).toBe("Active");
    expect(textOf(await card(vase.id))).toContain("🚀 В работе");
  });

  it("does not replay edits after a restart (the watermark is kept in the database)", async () => {
    const reports = sentWith(session, CHANGES).length;
    await session.crashAndRestart();
    const firstQuery = notion.queries.length;
    await pollsPass(notion, 3);
    expect(notion.queries[firstQuery].filter?.last_edited_time?.on_or_after).toBeDefined();
    expect(sentWith(session, CHANGES)).toHaveLength(reports);
    editByHand(notion, lamp.pageId, { status: "Idea" });
    await until(() => sentWith(session, CHANGES).length > reports);
    expect(textOf(sentWith(session, CHANGES)[reports])).toContain("🚀 В работе → 💡 Идея");
  });
});
