import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import { addIdeaConfirmation, projectIdOf, settledConfirmation } from "./support/owner-chat.ts";
import { until } from "./support/until.ts";
import { Buttons } from "../src/bot/buttons.ts";

const HOSTILE = `<b>&"x"</b> 🙂 *md* שלום`;

function notionEnv(notion: FakeNotion, extra: Record<string, string> = {}) {
  return {
    NOTION_API_KEY: notion.apiKey,
    NOTION_DB_ID: notion.databaseId,
    NOTION_BASE_URL: notion.baseUrl,
    NOTION_STATUS_VALUES: "Idea,Active,Archive",
    ...extra,
  };
}

describe("projects mirrored to Notion (status-type property, custom option names)", () => {
  const notion = new FakeNotion({ schema: { statusType: "status", statusOptions: ["Idea", "Active", "Archive"] } });
  let session: BotSession;
  let id = 0;
  beforeAll(async () => {
    await notion.start();
    session = await new BotSession({ env: notionEnv(notion, { NOTION_TIMEOUT_MS: "1500" }) }).start();
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  it("creates the page when an idea is added and links it in the confirmation, text literal", async () => {
    const pending = await addIdeaConfirmation(session.chat, HOSTILE, "Описание <i>как есть</i> & 🙂");
    // The tap never waits for Notion: "pending" at once, then the same message says "added" with the link.
    expect(pending.payload.text).toContain("в Notion добавлю чуть позже");
    const saved = await settledConfirmation(session.chat, pending);
    id = projectIdOf(saved);
    expect(saved.payload.text).toContain("добавлена в Notion");
    const page = notion.livePages()[0];
    expect(notion.livePages()).toHaveLength(1);
    expect(page).toMatchObject({ title: HOSTILE, status: "Idea" });
    expect(notion.bodyOf(page)).toBe("Описание <i>как есть</i> & 🙂");
    expect(buttonsOf(saved).find((b) => b.url)?.url).toBe(`https://www.notion.so/${page.id.replace(/-/g, "")}`);
  });

  it("shows the sync state on the card and mirrors status changes and edits", async () => {
    const card = await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    expect(card.payload.text).toContain("Notion: ✅ синхронизирован");
    expect(buttonsOf(card).some((b) => b.url?.startsWith("https://www.notion.so/"))).toBe(true);
    await session.chat.tap(Buttons.project.pack({ id, action: "activate" }));
    const active = await session.chat.tap(Buttons.project.pack({ id, action: "activate", arg: "30" }));
    const since = session.api.calls.indexOf(active) + 1;
    expect(active.payload.text).toContain("Notion: ⏳ скоро обновлю страницу");
    await until(() => notion.livePages()[0].status === "Active");
    // Once the page is written, the sync worker edits the same card to say so (the tap never waited for it).
    const refreshed = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && Number(c.payload.message_id) === Number(active.payload.message_id),
      { since },
    );
    expect(refreshed.payload.text).toContain("Notion: ✅ синхронизирован");
    await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "describe" }));
    await session.chat.send("Новое описание\nвторая строка");
    await until(() => notion.bodyOf(notion.livePages()[0]) === "Новое описание\nвторая строка");
    await session.chat.tap(Buttons.project.pack({ id, action: "complete" }));
    await until(() => notion.livePages()[0].status === "Archive");
  });

  it("moves the page to the trash when the project is deleted", async () => {
    await session.chat.tap(Buttons.project.pack({ id, action: "delete" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "confirmdelete" }));
    await until(() => notion.pages.length === 1 && notion.pages[0].inTrash);
  });

  it("keeps every change through a Notion outage and ends with exactly one page per project, up to date", async () => {
    notion.failFor(2500, { status: 500, code: "internal_server_error" });
    const saved = await addIdeaConfirmation(session.chat, "Табурет", "Дуб");
    expect(saved.payload.text).toContain("в Notion добавлю чуть позже");
    const stool = projectIdOf(saved);
    const card = await session.chat.tap(Buttons.project.pack({ id: stool, action: "open" }));
    expect(card.payload.text).toContain("Notion: ⏳");
    await session.chat.tap(Buttons.project.pack({ id: stool, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: stool, action: "rename" }));
    await session.chat.send("Табурет «Дуб»");
    const pages = await until(() => {
      const live = notion.livePages().filter((p) => p.title.startsWith("Табурет"));
      return live.length === 1 && live[0].title === "Табурет «Дуб»" ? live : undefined;
    }, 30_000);
    expect(pages[0].status).toBe("Idea");
    expect(notion.livePages().filter((p) => p.title.startsWith("Табурет"))).toHaveLength(1);
  });

  it("creates exactly one page when Notion times out after creating it", async () => {
    notion.delayNext(5_000, "POST /pages");
    const saved = await addIdeaConfirmation(session.chat, "Кресло", "Мягкое");
    expect(saved.payload.text).toContain("Кресло");
    // NOTION_TIMEOUT_MS is 1.5 s here: the client gives up while the fake has already created the page.
    await until(() => notion.livePages().filter((p) => p.title === "Кресло").length >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(notion.livePages().filter((p) => p.title === "Кресло")).toHaveLength(1);
  });
});

describe("Notion misconfiguration", () => {
  let notion: FakeNotion;
  let session: BotSession | undefined;
  afterEach(async () => {
    await session?.close();
    await notion?.close();
  });

  it("tells the owner once that the key was rejected, keeps the idea, and lists the failed job in /sync", async () => {
    notion = await new FakeNotion().start();
    session = await new BotSession({ env: notionEnv(notion, { NOTION_API_KEY: "secret_wrong_key_000" }) }).start();
    const saved = await settledConfirmation(session.chat, await addIdeaConfirmation(session.chat, "Лампа", "Латунь"));
    expect(saved.payload.text).toContain("Идея «Лампа» сохранена, но в Notion пока не попала");
    const warning = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("NOTION_API_KEY"),
    );
    expect(warning.payload.text).toContain("Notion не принял ключ");
    await addIdeaConfirmation(session.chat, "Лампа 2", "Сталь");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      session.api.callsOf("sendMessage").filter((c) => String(c.payload.text).includes("NOTION_API_KEY")),
    ).toHaveLength(1);
    const sync = await session.chat.send("/sync");
    expect(sync.payload.text).toContain("«Лампа»");
    expect(sync.payload.text).toContain("ошибка");
    // Summarised in the owner's language, not Notion's raw English.
    expect(sync.payload.text).toContain(
      "Notion не принял ключ: проверьте его в настройках бота, <code>NOTION_API_KEY</code>.",
    );
    expect(sync.payload.text).not.toMatch(/API token is invalid|unauthorized/i);
    expect(buttonsOf(sync).map((b) => b.data)).toContain(Buttons.sync.pack({ action: "retry" }));
    expect(notion.pages).toHaveLength(0);
  });

  it("names the missing property when the status column is called differently", async () => {
    notion = await new FakeNotion({ schema: { statusProperty: "Stage" } }).start();
    session = await new BotSession({
      env: notionEnv(notion, { NOTION_STATUS_VALUES: "Idea,Active,Archived" }),
    }).start();
    await addIdeaConfirmation(session.chat, "Ваза", "Стекло");
    const warning = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("NOTION_STATUS_PROPERTY_NAME"),
    );
    expect(warning.payload.text).toContain("колонки «Status»");
    expect(warning.payload.text).not.toContain("no property named");
  });

  it("says to share the database with the integration when Notion cannot find it", async () => {
    notion = await new FakeNotion().start();
    session = await new BotSession({
      env: notionEnv(notion, { NOTION_DB_ID: "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f" }),
    }).start();
    await addIdeaConfirmation(session.chat, "Полка", "Фанера");
    const warning = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("Подключения"),
    );
    expect(warning.payload.text).toContain("Notion");
  });
});

describe("Notion outbox across a crash", () => {
  it("runs the queued jobs after kill -9 and a restart, creating one page", async () => {
    const notion = await new FakeNotion().start();
    const session = await new BotSession({
      env: notionEnv(notion, { NOTION_STATUS_VALUES: "Idea,Active,Archived" }),
    }).start();
    try {
      notion.failFor(60_000, { status: 503, code: "service_unavailable" });
      const saved = await addIdeaConfirmation(session.chat, "Скамья", "Ясень");
      expect(saved.payload.text).toContain("чуть позже");
      await session.crashAndRestart();
      notion.clearFaults();
      await session.chat.send("/sync");
      // The tap's answer is its toast; the screen is redrawn only if it changed by then (the worker may still run).
      const toast = await session.chat.tap(
        Buttons.sync.pack({ action: "retry" }),
        (c) => c.method === "answerCallbackQuery",
      );
      expect(toast.payload.text).toContain("Отправляю в Notion ещё раз");
      const page = await until(() => notion.livePages().find((p) => p.title === "Скамья"));
      expect(page.status).toBe("Idea");
      expect(notion.livePages().filter((p) => p.title === "Скамья")).toHaveLength(1);
    } finally {
      await session.close();
      await notion.close();
    }
  });
});
