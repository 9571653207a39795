import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { BOT_USER, OWNER_ID } from "./support/fake-bot-api.ts";
import { buttonsOf, userMessage } from "./support/owner-chat.ts";
import { addIdea } from "./support/owner-chat.ts";
import { until } from "./support/until.ts";
import { Buttons } from "../src/bot/buttons.ts";

/** A message from the owner sent as a reply to one of the bot's messages. */
function replyTo(target: Record<string, any>, content: Record<string, unknown>) {
  return userMessage({ reply_to_message: { ...target, from: BOT_USER }, ...content });
}

const doc = (fileId: string, fileName: string, mime: string) => ({
  document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: mime, file_size: 1234 },
});
const photo = (fileId: string) => ({
  photo: [
    { file_id: `${fileId}-s`, file_unique_id: "s", width: 90, height: 90 },
    { file_id: fileId, file_unique_id: `u-${fileId}`, width: 1600, height: 1200 },
  ],
});

describe("reply to a project message to attach, mirrored to Notion", () => {
  const notion = new FakeNotion();
  let session: BotSession;
  let id = 0;
  const assets = () => {
    const db = new Database(session.databaseUrl.slice("file:".length), { readonly: true });
    try {
      return db
        .prepare("SELECT kind, telegramFileId, text, meta FROM ProjectAsset WHERE projectId = ? ORDER BY id")
        .all(id) as { kind: string; telegramFileId: string | null; text: string | null; meta: string }[];
    } finally {
      db.close();
    }
  };
  const page = () => notion.livePages()[0];

  beforeAll(async () => {
    await notion.start();
    session = await new BotSession({
      env: { NOTION_API_KEY: notion.apiKey, NOTION_DB_ID: notion.databaseId, NOTION_BASE_URL: notion.baseUrl },
    }).start();
    id = await addIdea(session.chat, "Кресло <Лофт>", "Фанера и войлок");
    await until(() => page() && notion.bodyOf(page()) === "Фанера и войлок");
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  it("attaches a text reply to the card as a note and appends it to the Notion page", async () => {
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const card = session.chat.messageWithButton(Buttons.project.pack({ id, action: "activate" }));
    const deletesBefore = notion.count("DELETE /blocks/:id");
    const note = replyTo(card, { text: 'Заметка: <b>ножки</b> & "дуб"' });
    const reply = await session.chat.push(note);
    expect(reply.payload.text).toBe(
      "📎 Добавлено к проекту «Кресло &lt;Лофт&gt;»: заметка.\nДобавлю на страницу проекта в Notion.",
    );
    expect(reply.payload.reply_parameters).toMatchObject({ message_id: note.message.message_id });
    expect(buttonsOf(reply).map((b) => b.data)).toEqual([Buttons.project.pack({ id, action: "open" })]);
    expect(assets()).toMatchObject([{ kind: "note", text: 'Заметка: <b>ножки</b> & "дуб"' }]);
    await until(() => notion.bodyOf(page()) === 'Фанера и войлок\n📝 Заметка: <b>ножки</b> & "дуб"');
    expect(notion.count("DELETE /blocks/:id")).toBe(deletesBefore); // appended, not rewritten
  });

  it("attaches a photo (as a render), an image file and a PDF, each noted on the page", async () => {
    const confirmation = session.chat.messageWithButton(Buttons.project.pack({ id, action: "open" })); // the last confirmation works as a target too
    expect(
      (await session.chat.push(replyTo(confirmation, { ...photo("render-1"), caption: "Вид сбоку" }))).payload.text,
    ).toContain("рендер");
    expect(
      (await session.chat.push(replyTo(confirmation, doc("img-2", "front.png", "image/png")))).payload.text,
    ).toContain("изображение (файлом)");
    expect(
      (await session.chat.push(replyTo(confirmation, doc("pdf-3", "drawing.pdf", "application/pdf")))).payload.text,
    ).toContain("PDF");
    const rows = assets();
    expect(rows.map((r) => [r.kind, r.telegramFileId, r.text])).toEqual([
      ["note", null, 'Заметка: <b>ножки</b> & "дуб"'],
      ["final_render", "render-1", "Вид сбоку"],
      ["final_render", "img-2", null],
      ["pdf", "pdf-3", null],
    ]);
    expect(JSON.parse(rows[2].meta)).toMatchObject({ asDocument: true, fileName: "front.png", mimeType: "image/png" });
    const body = await until(() => {
      const text = notion.bodyOf(page());
      return text.includes("drawing.pdf") && text;
    });
    const lines = body.split("\n");
    expect(lines[0]).toBe("Фанера и войлок");
    expect(lines[2]).toMatch(/^📎 Рендер добавлен \S.* — файл хранится в Telegram-боте\.$/);
    expect(lines[3]).toBe("Подпись: Вид сбоку");
    expect(lines[4]).toMatch(/^📎 Изображение «front\.png» добавлено /);
    expect(lines[5]).toMatch(/^📎 PDF «drawing\.pdf»/);
  });

  it("shows what was attached from the card: '📎 Attachments (N)' sends the files and notes back", async () => {
    const card = await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const button = buttonsOf(card).find((b) => b.data === Buttons.project.pack({ id, action: "files" }));
    expect(button?.text).toBe("📎 Вложения (4)");
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.project.pack({ id, action: "files" }));
    await session.chat.settle();
    const sent = session.api.calls.slice(since);
    expect(sent.find((c) => c.method === "sendMessage")!.payload.text).toContain("Вложения проекта");
    expect(sent.filter((c) => c.method === "sendPhoto").map((c) => c.payload.photo)).toEqual(["render-1"]);
    const album = sent.find((c) => c.method === "sendMediaGroup")!;
    expect(
      (typeof album.payload.media === "string" ? JSON.parse(album.payload.media) : album.payload.media).map(
        (m: { type: string; media: string }) => [m.type, m.media],
      ),
    ).toEqual([
      ["document", "img-2"],
      ["document", "pdf-3"],
    ]);
    expect(sent.findLast((c) => c.method === "sendMessage")!.payload.text).toContain("ножки");
  });

  it("keeps the attachments on the page when the description is edited", async () => {
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "describe" }));
    await session.chat.send("Гнутая фанера");
    const body = await until(() => notion.bodyOf(page()).startsWith("Гнутая фанера") && notion.bodyOf(page()));
    expect(body.split("\n")).toHaveLength(6);
    expect(body).toContain("📝 Заметка: <b>ножки</b>");
  });

  it("explains what can be attached when the reply is a sticker or another file type", async () => {
    const card = session.chat.messageWithButton(Buttons.project.pack({ id, action: "open" }));
    const sticker = {
      sticker: {
        file_id: "st",
        file_unique_id: "st",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    };
    expect((await session.chat.push(replyTo(card, sticker))).payload.text).toContain(
      "можно прикрепить фото, изображение файлом, PDF или текст",
    );
    expect(
      (await session.chat.push(replyTo(card, doc("zip-9", "model.zip", "application/zip")))).payload.text,
    ).toContain("можно прикрепить");
    expect(assets()).toHaveLength(4);
  });

  it("asks for a single card when the replied message lists several projects", async () => {
    const second = await addIdea(session.chat, "Табурет", "Бук");
    const list = await session.chat.send("/ideas");
    expect(buttonsOf(list).map((b) => b.data)).toEqual(
      expect.arrayContaining([
        Buttons.project.pack({ id, action: "open" }),
        Buttons.project.pack({ id: second, action: "open" }),
      ]),
    );
    const message = {
      message_id: list.result.message_id,
      date: 0,
      chat: { id: OWNER_ID, type: "private" },
      text: list.payload.text,
      reply_markup: list.result.reply_markup,
    };
    expect((await session.chat.push(replyTo(message, { text: "куда?" }))).payload.text).toContain("несколько проектов");
  });

  it("a reply to a message that is not about a project is not taken as an attachment", async () => {
    const menu = await session.chat.send("/start");
    const message = {
      message_id: menu.result.message_id,
      date: 0,
      chat: { id: OWNER_ID, type: "private" },
      text: menu.payload.text,
      reply_markup: menu.result.reply_markup,
    };
    const reply = await session.chat.push(replyTo(message, { text: "просто текст" }));
    expect(reply.payload.text).not.toContain("📎");
    expect(assets()).toHaveLength(4);
  });

  it("says the project is gone when replying to the card of a deleted project", async () => {
    const gone = await addIdea(session.chat, "Удаляемый", "x");
    await session.chat.tap(Buttons.project.pack({ id: gone, action: "open" }));
    const card = session.chat.messageWithButton(Buttons.project.pack({ id: gone, action: "delete" }));
    await session.chat.tap(Buttons.project.pack({ id: gone, action: "delete" }));
    await session.chat.tap(Buttons.project.pack({ id: gone, action: "confirmdelete" }));
    expect((await session.chat.push(replyTo(card, { text: "заметка" }))).payload.text).toContain(
      "Этого проекта больше нет",
    );
  });
});

describe("reply to attach without Notion", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("attaches and confirms without promising a Notion page", async () => {
    const id = await addIdea(session.chat, "Idea", "desc");
    const confirmation = session.chat.messageWithButton(Buttons.project.pack({ id, action: "open" }));
    const reply = await session.chat.push(replyTo(confirmation, { text: "note" }));
    expect(reply.payload.text).toBe("📎 Добавлено к проекту «Idea»: заметка.");
  });
});
