import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf, callback } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

describe("menus over the fake Bot API", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("registers the command list in Russian (default) and English on start", async () => {
    const calls = await session.api.waitForCall(
      (c) => c.method === "setMyCommands" && c.payload.language_code === "en",
    );
    const commands = calls.payload.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual([
      "start",
      "help",
      "cancel",
      "new",
      "ideas",
      "active",
      "archive",
      "due",
      "calendar",
      "templates",
      "generate",
      "find",
      "settings",
      "sync",
      "export",
    ]);
    expect(
      session.api
        .callsOf("setMyCommands")
        .some((c) => c.payload.language_code === undefined && /Главное меню/.test(JSON.stringify(c.payload.commands))),
    ).toBe(true);
    expect(session.api.callsOf("deleteWebhook")).toHaveLength(1);
  });

  it("answers /start with the main menu in Russian", async () => {
    const reply = await session.chat.send("/start");
    expect(reply.method).toBe("sendMessage");
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(reply.payload.text).toContain("Designflow Assistant");
    expect(buttonsOf(reply).map((b) => b.text)).toEqual(["🗂 Проекты", "📄 PDF-карточки", "⚙️ Настройки"]);
  });

  it("opens sub-menus in place and comes back with Back", async () => {
    const projects = await session.chat.tap(Buttons.nav.pack({ screen: "projects" }));
    expect(projects.method).toBe("editMessageText");
    expect(buttonsOf(projects).map((b) => b.data)).toEqual([
      Buttons.nav.pack({ screen: "new" }),
      Buttons.nav.pack({ screen: "list", status: "idea" }),
      Buttons.nav.pack({ screen: "list", status: "active" }),
      Buttons.nav.pack({ screen: "list", status: "archived" }),
      Buttons.nav.pack({ screen: "due" }),
      Buttons.nav.pack({ screen: "main" }),
    ]);
    const back = await session.chat.tap(Buttons.nav.pack({ screen: "main" }));
    expect(back.method).toBe("editMessageText");
    expect(back.payload.text).toContain("Designflow Assistant");
    const automations = await session.chat.tap(Buttons.nav.pack({ screen: "automations" }));
    expect(buttonsOf(automations).map((b) => b.data)).toEqual([
      Buttons.nav.pack({ screen: "generate" }),
      Buttons.nav.pack({ screen: "templates" }),
      Buttons.nav.pack({ screen: "main" }),
    ]);
  });

  it("answers every tapped button so no spinner is left turning", async () => {
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.nav.pack({ screen: "main" }));
    await session.api.waitForCall((c) => c.method === "answerCallbackQuery", { since });
  });

  it("shows /help with the command list and the state of the integrations", async () => {
    const reply = await session.chat.send("/help");
    expect(reply.payload.text).toContain("/new");
    expect(reply.payload.text).toContain("/cancel");
    expect(reply.payload.text).toContain("Notion выкл.");
  });

  it("gives text outside any flow a helpful answer with a way back to the menu", async () => {
    const reply = await session.chat.send("привет");
    expect(reply.payload.text).toContain("/start");
    expect(buttonsOf(reply).map((b) => b.data)).toEqual([Buttons.nav.pack({ screen: "main" })]);
  });

  it("answers stale and malformed buttons with a notice instead of failing", async () => {
    for (const data of ["project:999999:open", "nav:", "💥", "x".repeat(64)]) {
      const since = session.api.calls.length;
      session.api.push(callback(data, { message_id: 5, date: 0, chat: { id: 1, type: "private" }, text: "old" }));
      const answer = await session.api.waitForCall((c) => c.method === "answerCallbackQuery", { since });
      expect(answer.payload.text).toContain("устарела");
    }
    const reply = await session.chat.send("/start");
    expect(reply.payload.text).toContain("Designflow Assistant");
  });
});
