import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf, callback, captionOf, photoMessage, stickerMessage, isButton } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

const HOSTILE_NAME = `<b>&"x"</b> 🙂 שלום *bold* _it_`;

describe("projects: idea → active → archive over the fake Bot API", () => {
  const session = new BotSession();
  let file: string;
  /**
   * Opens the bot's database for one statement and closes it again (an open handle would hold locks across restarts).
   */
  const db = () => ({
    prepare: (sql: string) => ({
      get: (...params: unknown[]) => withDb((d) => d.prepare(sql).get(...params)),
      run: (...params: unknown[]) => withDb((d) => d.prepare(sql).run(...params)),
    }),
  });
  const withDb = <T>(fn: (d: Database.Database) => T): T => {
    const handle = new Database(file);
    try {
      return fn(handle);
    } finally {
      handle.close();
    }
  };
  beforeAll(async () => {
    await session.start();
    file = session.databaseUrl.slice("file:".length);
  });
  afterAll(() => session.close());

  it("says an empty list is empty and offers to add an idea", async () => {
    const reply = await session.chat.send("/ideas");
    expect(reply.payload.text).toContain("Здесь пока пусто");
    expect(buttonsOf(reply).map((b) => b.data)).toContain(Buttons.nav.pack({ screen: "new" }));
  });

  it("adds an idea step by step, re-asking on bad input, and keeps the text literal", async () => {
    expect((await session.chat.tap(Buttons.nav.pack({ screen: "new" }))).payload.text).toContain(
      "Как называется проект",
    );
    expect((await session.chat.send("   ")).payload.text).toContain("не может быть пустым");
    expect((await session.chat.send("x".repeat(201))).payload.text).toContain("длиннее 200 символов (201)");
    expect((await session.chat.push(stickerMessage())).payload.text).toContain("Пришлите, пожалуйста, текст");
    expect((await session.chat.send(HOSTILE_NAME)).payload.text).toContain("Опишите идею");
    expect((await session.chat.send("y".repeat(3001))).payload.text).toContain("длиннее 3000 символов");
    expect((await session.chat.send("Лампа из <переработанного> пластика & дерева")).payload.text).toContain(
      "референс",
    );
    expect((await session.chat.send("not a photo")).payload.text).toContain("Нужна картинка");
    const saved = await session.chat.push(photoMessage("ref-photo-1"));
    expect(saved.payload.text).toBe(`✅ Идея «&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; 🙂 שלום *bold* _it_» сохранена.`);
    expect(saved.payload.parse_mode).toBe("HTML");
    const row = db().prepare("SELECT name, description, status FROM Project").get();
    expect(row).toEqual({
      name: HOSTILE_NAME,
      description: "Лампа из <переработанного> пластика & дерева",
      status: "idea",
    });
  });

  it("lists the idea and opens its card with the reference photo", async () => {
    const list = await session.chat.send("/ideas");
    expect(list.payload.text).toContain("Всего: 1");
    const id = (db().prepare("SELECT id FROM Project").get() as { id: number }).id;
    const card = await session.chat.tap(Buttons.project.pack({ id, action: "open" }), (c) => c.method === "sendPhoto");
    expect(card.payload.photo).toBe("ref-photo-1");
    expect(captionOf(card)).toContain("<b>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
    expect(captionOf(card)).toContain("Статус: 💡 Идея");
    expect(captionOf(card)).not.toContain("Notion");
    const buttons = buttonsOf(card).map((b) => b.data);
    expect(buttons).toEqual(
      expect.arrayContaining([
        Buttons.project.pack({ id, action: "activate" }),
        Buttons.project.pack({ id, action: "edit" }),
        Buttons.project.pack({ id, action: "delete" }),
        Buttons.list.pack({ status: "idea", page: 0 }),
      ]),
    );
    expect(buttons.filter((data) => isButton(Buttons.project, data))).toEqual([
      Buttons.project.pack({ id, action: "activate" }),
      Buttons.project.pack({ id, action: "edit" }),
      Buttons.project.pack({ id, action: "delete" }),
    ]);
  });

  it("activates with a reminder interval, recording the activation", async () => {
    const id = (db().prepare("SELECT id FROM Project").get() as { id: number }).id;
    const ask = await session.chat.tap(
      Buttons.project.pack({ id, action: "activate" }),
      (c) => c.method === "sendMessage",
    );
    expect(ask.payload.text).toContain("Как часто напоминать");
    const card = await session.chat.tap(
      Buttons.project.pack({ id, action: "activate", arg: "7" }),
      (c) => c.method === "sendPhoto",
    );
    expect(captionOf(card)).toContain("Статус: 🚀 В работе");
    expect(captionOf(card)).toContain("Напоминания: раз в неделю");
    const row = db()
      .prepare("SELECT status, reminderIntervalDays, activatedAt FROM Project WHERE id = ?")
      .get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ status: "active", reminderIntervalDays: 7 });
    expect(row.activatedAt).toBeTruthy();
  });

  it("archives once when Complete is tapped twice fast, and says the second tap is stale", async () => {
    const id = (db().prepare("SELECT id FROM Project").get() as { id: number }).id;
    const message = session.chat.messageWithButton(Buttons.project.pack({ id, action: "complete" }));
    const since = session.api.calls.length;
    session.api.push(callback(Buttons.project.pack({ id, action: "complete" }), message));
    session.api.push(callback(Buttons.project.pack({ id, action: "complete" }), message));
    await session.chat.settle();
    // Both taps carry the card as it was; the second one's fresh card equals what the first drew, which
    // Telegram refuses as "not modified" (the bot treats that as done). Only that refusal is expected.
    session.api.acceptRefusals((c) => c.method === "editMessageMedia" && /not modified/.test(c.refused!.description));
    const notice = await session.api.waitForCall(
      (c) => c.method === "answerCallbackQuery" && String(c.payload.text ?? "").includes("уже изменился"),
      { since },
    );
    expect(notice).toBeTruthy();
    const row = db().prepare("SELECT status, archiveReason FROM Project WHERE id = ?").get(id);
    expect(row).toEqual({ status: "archived", archiveReason: "completed" });
    const card = await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    expect(captionOf(card)).toContain("Архив (завершён)");
  });

  it("restores from the archive and deletes after confirmation; old buttons then say it is gone", async () => {
    const id = (db().prepare("SELECT id FROM Project").get() as { id: number }).id;
    const restored = await session.chat.tap(Buttons.project.pack({ id, action: "restore", arg: "idea" }));
    expect(captionOf(restored)).toContain("Статус: 💡 Идея");
    const confirm = await session.chat.tap(Buttons.project.pack({ id, action: "delete" }));
    expect(confirm.payload.text).toContain("Удалить");
    const deleted = await session.chat.tap(Buttons.project.pack({ id, action: "confirmdelete" }));
    expect(deleted.payload.text).toContain("удалён");
    expect(db().prepare("SELECT COUNT(*) AS n FROM ProjectAsset").get()).toEqual({ n: 0 });
    const since = session.api.calls.length;
    session.api.push(callback(Buttons.project.pack({ id, action: "activate" }), session.api.oldMessage()));
    const answer = await session.api.waitForCall((c) => c.method === "answerCallbackQuery", { since });
    expect(answer.payload.text).toContain("больше нет");
  });

  it("edits the name and shows the updated card", async () => {
    await session.chat.send("/new");
    await session.chat.send("Стул");
    await session.chat.send("Складной стул");
    const saved = await session.chat.tap(Buttons.flow.pack({ action: "skip" }));
    expect(saved.payload.text).toContain("Стул");
    const id = (db().prepare("SELECT id FROM Project WHERE name = 'Стул'").get() as { id: number }).id;
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    const ask = await session.chat.tap(
      Buttons.project.pack({ id, action: "rename" }),
      (c) => c.method === "sendMessage",
    );
    expect(ask.payload.text).toContain("Новое название");
    const card = await session.chat.send("Стул «Оригами»");
    expect(card.payload.text).toContain("<b>Стул «Оригами»</b>");
    expect(db().prepare("SELECT name FROM Project WHERE id = ?").get(id)).toEqual({ name: "Стул «Оригами»" });
  });

  it("pages long lists by 8, newest first, with a count", async () => {
    const insert = db().prepare(
      "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES (?, '', 'idea', ?, ?)",
    );

    const at = (ms: number) => new Date(ms).toISOString();
    for (let i = 1; i <= 10; i++) insert.run(`Идея ${i}`, at(Date.now() + i * 1000), at(Date.now()));
    const page1 = await session.chat.send("/ideas");
    expect(page1.payload.text).toContain("Всего: 11 · стр. 1 из 2");
    const names = buttonsOf(page1).map((b) => b.text);
    expect(names.slice(0, 3)).toEqual(["Идея 10", "Идея 9", "Идея 8"]);
    expect(buttonsOf(page1).filter((b) => isButton(Buttons.project, b.data))).toHaveLength(8);
    const page2 = await session.chat.tap(Buttons.list.pack({ status: "idea", page: 1 }));
    expect(page2.method).toBe("editMessageText");
    expect(
      buttonsOf(page2)
        .filter((b) => isButton(Buttons.project, b.data))
        .map((b) => b.text),
    ).toEqual(["Идея 2", "Идея 1", "Стул «Оригами»"]);
  });

  it("accepts an image sent as a file as the reference and shows the card as that file", async () => {
    await session.chat.send("/new");
    await session.chat.send("Ваза");
    await session.chat.send("Керамика");
    const saved = await session.chat.push(photoMessage("ref-doc-1", { asDocument: true }));
    expect(saved.payload.text).toContain("Ваза");
    const id = (db().prepare("SELECT id FROM Project WHERE name = 'Ваза'").get() as { id: number }).id;
    const card = await session.chat.tap(
      Buttons.project.pack({ id, action: "open" }),
      (c) => c.method === "sendDocument",
    );
    expect(card.payload.document).toBe("ref-doc-1");
  });

  it("resumes /new at the same step after kill -9 at each step", async () => {
    await session.chat.send("/new");
    await session.crashAndRestart();
    expect((await session.chat.send("Полка")).payload.text).toContain("Опишите идею");
    await session.crashAndRestart();
    expect((await session.chat.send("Настенная полка")).payload.text).toContain("референс");
    await session.crashAndRestart();
    expect((await session.chat.tap(Buttons.flow.pack({ action: "skip" }))).payload.text).toContain("Полка");
    expect(db().prepare("SELECT COUNT(*) AS n FROM Project WHERE name = 'Полка'").get()).toEqual({ n: 1 });
  });
});
