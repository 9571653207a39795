import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

describe("conversations persisted in the database", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("continues /settings at the same step after kill -9 and a restart", async () => {
    const settings = await session.chat.send("/settings");
    expect(settings.payload.text).toContain("Язык интерфейса: русский");
    const ask = await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    expect(ask.payload.text).toContain("Выберите язык");

    await session.crashAndRestart();

    // Typed text is only understood by the language step of the flow; outside a flow it gets the generic answer.
    const saved = await session.chat.send("English");
    expect(saved.payload.text).toBe("✅ I speak English now.");
    const menu = await session.chat.send("/start");
    expect(buttonsOf(menu).map((b) => b.text)).toEqual(["🗂 Projects", "📄 PDF cards", "⚙️ Settings"]);
  });

  it("keeps the chosen language across restarts and can switch back with a button", async () => {
    await session.crashAndRestart();
    const settings = await session.chat.send("/settings");
    expect(settings.payload.text).toContain("Interface language: English");
    await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    const saved = await session.chat.tap(Buttons.settings.pack({ section: "language", arg: "ru" }));
    expect(saved.payload.text).toBe("✅ Теперь я говорю по-русски.");
  });

  it("re-asks with the reason when the answer is not a language", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    const hint = await session.chat.send("klingon");
    expect(hint.payload.text).toContain("Доступны: ru, en");
    const saved = await session.chat.send("ru");
    expect(saved.payload.text).toContain("по-русски");
  });

  it("leaves any flow from any step with /cancel", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    const cancelled = await session.chat.send("/cancel");
    expect(cancelled.payload.text).toContain("Действие отменено");
    // The language step is gone: typed text now gets the outside-a-flow answer.
    const after = await session.chat.send("en");
    expect(after.payload.text).toContain("/start");
    const nothing = await session.chat.send("/cancel");
    expect(nothing.payload.text).toContain("нечего отменять");
  });

  it("leaves the flow when another command is sent and runs that command", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "language" }));
    const help = await session.chat.send("/help");
    expect(help.payload.text).toContain("/new");
    const after = await session.chat.send("en");
    expect(after.payload.text).toContain("/start");
  });
});
