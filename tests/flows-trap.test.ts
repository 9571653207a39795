import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { OWNER_ID, type RecordedCall } from "./support/fake-bot-api.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import {
  addIdea,
  buttonsOf,
  callback,
  captionOf,
  documentMessage,
  photoMessage,
  quietConfirmation,
  isButton,
} from "./support/owner-chat.ts";
import sharp from "sharp";
import { sqliteRun } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

/** Flows never trap the owner, and list screens fit Telegram's limits (strict fake: 4096 characters, etc.). */
const text = (call: RecordedCall) => String(call.payload.text ?? captionOf(call) ?? "");
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const notion = new FakeNotion();
const jpeg = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 120, b: 150 } } })
    .jpeg()
    .toBuffer();
let session: BotSession;

beforeAll(async () => {
  await notion.start();
  session = await new BotSession({
    env: { NOTION_API_KEY: notion.apiKey, NOTION_DB_ID: notion.databaseId, NOTION_BASE_URL: notion.baseUrl },
  }).start();
});
afterAll(async () => {
  await session.close();
  await notion.close();
});

describe("a waiting flow never traps the owner", () => {
  it("opening Settings while /new waits for a name leaves /new with a word and shows Settings", async () => {
    const { chat } = session;
    const menu = await chat.send("/start");
    await chat.send("/new");
    const since = session.api.calls.length;
    await chat.push(
      callback(Buttons.nav.pack({ screen: "settings" }), session.api.message(OWNER_ID, menu.result.message_id)!),
    );
    const said = session.api.calls
      .slice(since)
      .filter((c) => c.method === "sendMessage" || c.method === "editMessageText")
      .map(text);
    expect(said.some((t) => t.includes("Незаконченный шаг закрыт"))).toBe(true);
    expect(said.some((t) => t.includes("Настройки") || t.includes("Язык"))).toBe(true);
    // /new was left: a name typed now is not taken as a project name.
    const reply = await chat.send("Лампа");
    expect(text(reply)).not.toContain("Опишите идею");
  });

  it("a button of another screen does its own job while /new waits for the description, and /new goes on", async () => {
    const { chat } = session;
    const id = await addIdea(chat, "Стул", "Складной стул");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const card = chat.messageWithButton(Buttons.project.pack({ id, action: "delete" }));
    await chat.send("/new");
    await chat.send("Полка");
    const confirm = await chat.push(callback(Buttons.project.pack({ id, action: "delete" }), card));
    expect(text(confirm)).toContain("Удалить");
    const next = await chat.send("Настенная полка из дуба");
    expect(text(next)).toContain("референс");
  });

  it("a reminder's button does its job while the generator waits for renders; the generator shows Cancel", async () => {
    const { chat } = session;
    const id = await addIdea(chat, "Генератор", "Для проверки");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const card = chat.messageWithButton(Buttons.project.pack({ id, action: "delete" }));
    await chat.send("/generate");
    const manual = await chat.tap(Buttons.generator.pack({ step: "manual" }));
    expect(buttonsOf(manual).map((b) => b.data)).toContain(Buttons.flow.pack({ action: "cancel" }));
    const confirm = await chat.push(callback(Buttons.project.pack({ id, action: "delete" }), card));
    expect(text(confirm)).toContain("Удалить");
    const cancelled = await chat.tap(Buttons.flow.pack({ action: "cancel" }));
    expect(text(cancelled)).toContain("отменено");
  });

  // One pass-through for every kind of wait: the Settings menu, a Settings choice (language) and a typed answer
  // (time zone) each let a card's Delete do its own job, and the Settings step is still there afterwards.
  for (const [wait, open] of [
    ["the Settings menu", []],
    ["the language choice", [Buttons.settings.pack({ section: "language" })]],
    ["the time zone answer", [Buttons.settings.pack({ section: "timeZone" })]],
  ] as const) {
    it(`Delete tapped on a card while ${wait} waits asks for confirmation; Settings still waits`, async () => {
      const { chat } = session;
      const id = await addIdea(chat, `Удаляемая ${open.length}${wait.length}`, "Для проверки");
      await chat.tap(Buttons.project.pack({ id, action: "open" }));
      const card = chat.messageWithButton(Buttons.project.pack({ id, action: "delete" }));
      await chat.send("/settings");
      for (const data of open) await chat.tap(data);
      const confirm = await chat.push(callback(Buttons.project.pack({ id, action: "delete" }), card));
      expect(text(confirm)).toContain("Удалить");
      expect(text(confirm)).not.toContain("Выберите вариант кнопкой");
      const closed = await chat.tap(Buttons.settings.pack({ section: "close" }));
      expect(text(closed)).toContain("Настройки закрыты");
    });
  }

  it("a card's button does its job while the template flow waits for a file; the flow still takes the file", async () => {
    const { chat } = session;
    const id = await addIdea(chat, "Во время шаблона", "Для проверки");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const card = chat.messageWithButton(Buttons.project.pack({ id, action: "delete" }));
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    await chat.send("Шаблон для проверки");
    const confirm = await chat.push(callback(Buttons.project.pack({ id, action: "delete" }), card));
    expect(text(confirm)).toContain("Удалить");
    session.api.addFile("trap-html", Buffer.from("<h1>{{ project_name }}</h1>"));
    const next = await chat.push(documentMessage("trap-html", "card.html", 27));
    expect(text(next)).toContain(".css");
    await chat.tap(Buttons.flow.pack({ action: "cancel" }));
  });

  it("a card's button does its job while the generator waits for the answer to its preview", async () => {
    const { chat } = session;
    const id = await addIdea(chat, "Во время превью", "Для проверки");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const card = chat.messageWithButton(Buttons.project.pack({ id, action: "delete" }));
    session.api.addFile("trap-render", await jpeg());
    await chat.send("/generate");
    await chat.tap(Buttons.generator.pack({ step: "manual" }));
    await chat.send("Табурет");
    await chat.send("Табурет из фанеры");
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    await chat.push(photoMessage("trap-render"));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    const since = session.api.calls.length;
    await chat.send("Черновик");
    await session.api.waitForCall((c) => c.method === "sendPhoto", { since, timeoutMs: 30_000 });
    const confirm = await chat.push(callback(Buttons.project.pack({ id, action: "delete" }), card));
    expect(text(confirm)).toContain("Удалить");
    const question = await chat.tapAny(
      Buttons.generator.pack({ step: "looksGood" }),
      (c) => c.method === "sendMessage",
    );
    expect(text(question)).toContain("Сохранить «Табурет»");
    await chat.tap(
      Buttons.generator.pack({ step: "saveProject", arg: "n" }),
      (c) => c.method === "editMessageText" && text(c).includes("не сохранён"),
    );
  });

  it("the template flow passes other buttons on and shows Cancel at each step", async () => {
    const { chat } = session;
    await chat.send("/templates");
    const ask = await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    expect(buttonsOf(ask).map((b) => b.data)).toContain(Buttons.flow.pack({ action: "cancel" }));
    const file = await chat.send("Мой шаблон");
    expect(buttonsOf(file).map((b) => b.data)).toContain(Buttons.flow.pack({ action: "cancel" }));
    const cancelled = await chat.tap(Buttons.flow.pack({ action: "cancel" }));
    expect(text(cancelled)).toContain("отменено");
  });

  it("every /new step shows Cancel, and Cancel leaves the flow", async () => {
    const { chat } = session;
    const ask = await chat.send("/new");
    expect(buttonsOf(ask).map((b) => b.data)).toContain(Buttons.flow.pack({ action: "cancel" }));
    expect(text(ask)).toContain("Отмена");
    const described = await chat.send("Табурет");
    expect(buttonsOf(described).map((b) => b.data)).toContain(Buttons.flow.pack({ action: "cancel" }));
    const cancelled = await chat.tap(Buttons.flow.pack({ action: "cancel" }));
    expect(text(cancelled)).toContain("отменено");
  });
});

describe("texts never break Telegram's limits", () => {
  it("cuts names by grapheme: a list button never ends in half an emoji", async () => {
    const { chat } = session;
    const name = `${"Лампа ".repeat(9)}🪑🪑🪑🪑🪑🪑🪑🪑🪑🪑`; // the 60-character button cut falls among the emoji
    await addIdea(chat, name, "Описание");
    const list = await chat.send("/ideas");
    const buttons = buttonsOf(list).map((b) => b.text);
    expect(buttons.some((b) => b.startsWith("Лампа Лампа"))).toBe(true);
    for (const button of buttons) expect(loneSurrogate.test(button), button).toBe(false);
  });

  it("/find with 20 maximum-length names fits one message and says how many did not fit", async () => {
    const { chat } = session;
    for (let i = 0; i < 20; i++) {
      const name = `Поиск ${String(i).padStart(2, "0")} ${"длинное название ".repeat(12)}`.slice(0, 200);
      sqliteRun(
        session.databaseUrl,
        "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES (?, '', 'idea', ?, ?)",
        name,
        new Date().toISOString(),
        new Date().toISOString(),
      );
    }
    const found = await chat.send("/find Поиск");
    expect(found.method).toBe("sendMessage");
    expect([...text(found)].length).toBeLessThanOrEqual(4096);
    expect(text(found)).toMatch(/и ещё \d+/);
  });

  it("/sync with many failing jobs fits one message", async () => {
    const { chat } = session;
    const error = `validation_error: ${"body failed validation ".repeat(10)}`;
    for (let i = 0; i < 40; i++) {
      sqliteRun(
        session.databaseUrl,
        "INSERT INTO SyncJob (projectId, kind, payload, state, attempts, runAfter, lastError, createdAt, updatedAt) VALUES (NULL, 'trash', '{}', 'failed', 5, ?, ?, ?, ?)",
        "2999-01-01T00:00:00.000Z",
        error,
        new Date().toISOString(),
        new Date().toISOString(),
      );
    }
    const status = await chat.send("/sync");
    expect(status.method).toBe("sendMessage");
    // Telegram counts the text after its HTML is parsed: tags are not characters.
    const shown = text(status)
      .replace(/<[^>]+>/g, "")
      .replace(/&(lt|gt|amp|quot);/g, "_");
    expect([...shown].length).toBeLessThanOrEqual(4096);
    expect(text(status)).toMatch(/и ещё \d+/);
  });

  it("the stale-project screen's Main menu button opens the main menu", async () => {
    const { chat, api } = session;
    const id = await addIdea(chat, "Ваза", "Стеклянная ваза");
    sqliteRun(session.databaseUrl, "DELETE FROM Project WHERE id = ?", id);
    const gone = await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const main = buttonsOf(gone).find((b) => b.text.includes("Главное меню"));
    expect(main?.data).toBe(Buttons.nav.pack({ screen: "main" }));
    const menu = await chat.tap(Buttons.nav.pack({ screen: "main" }));
    expect(text(menu)).toContain("Designflow");
    expect(api.refusals().filter((c) => !c.injected)).toHaveLength(0);
  });
});

describe("what the designer will notice", () => {
  it("a photo card shows the start of a long description with 'Read in full', which sends the rest", async () => {
    const { chat, api } = session;
    api.addFile("ref-long", Buffer.from("not used"));
    await chat.send("/new");
    await chat.send("Длинное кресло");
    const description = `${"Гнутая фанера, войлок и латунь. ".repeat(60)}Конец описания.`;
    await chat.send(description);
    const saved = await chat.push(
      {
        message: {
          message_id: 900_001,
          date: Math.floor(Date.now() / 1000),
          chat: { id: OWNER_ID, type: "private" },
          from: { id: OWNER_ID, is_bot: false, first_name: "Owner" },
          photo: [{ file_id: "ref-long", file_unique_id: "u-ref-long", width: 800, height: 600 }],
        },
      },
      (c) => c.method === "sendMessage" && text(c).startsWith("✅"),
    );
    const id = Number(
      buttonsOf(await quietConfirmation(chat, saved))
        .find((b) => isButton(Buttons.project, b.data))!
        .data!.split(":")[1],
    );
    const card = await chat.tap(Buttons.project.pack({ id, action: "open" }));
    expect(card.method).toBe("sendPhoto");
    expect([...captionOf(card)!].length).toBeLessThanOrEqual(1024);
    expect(captionOf(card)).not.toContain("Конец описания.");
    expect(buttonsOf(card).map((b) => b.text)).toContain("📖 Читать полностью");
    const full = await chat.tap(Buttons.project.pack({ id, action: "full" }));
    expect(text(full)).toContain("Конец описания.");
    expect(text(full)).toContain("Длинное кресло");
  });

  it("'Back to the list' returns to the page the card was opened from", async () => {
    const { chat } = session;
    for (let i = 0; i < 10; i++) {
      sqliteRun(
        session.databaseUrl,
        "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES (?, '', 'active', ?, ?)",
        `Активный ${i}`,
        new Date(Date.now() + i * 1000).toISOString(),
        new Date().toISOString(),
      );
    }
    await chat.send("/active");
    const page2 = await chat.tap(Buttons.list.pack({ status: "active", page: 1 }));
    const open = buttonsOf(page2).find((b) => isButton(Buttons.project, b.data, { action: "open", arg: "1" }))!;
    const card = await chat.tap(open.data!);
    expect(buttonsOf(card).map((b) => b.data)).toContain(Buttons.list.pack({ status: "active", page: 1 }));
    const back = await chat.tap(Buttons.list.pack({ status: "active", page: 1 }));
    expect(text(back)).toContain("стр. 2 из 2");
  });

  it("switching the interface language sets this chat's command menu in that language", async () => {
    const { chat, api } = session;
    await chat.send("/settings");
    await chat.tap(Buttons.settings.pack({ section: "language" }));
    const since = api.calls.length;
    await chat.tap(Buttons.settings.pack({ section: "language", arg: "en" }));
    const menu = api.calls.slice(since).find((c) => c.method === "setMyCommands");
    expect(menu?.payload.scope).toMatchObject({ type: "chat", chat_id: OWNER_ID });
    expect(JSON.stringify(menu?.payload.commands)).toContain("Main menu");
    await chat.send("/settings");
    await chat.tap(Buttons.settings.pack({ section: "language" }));
    await chat.tap(Buttons.settings.pack({ section: "language", arg: "ru" }));
  });
});
