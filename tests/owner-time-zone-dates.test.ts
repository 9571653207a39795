import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { addIdea } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

// 25 hours apart: at any moment the two zones are on different calendar days.
const BOT_ZONE = "Pacific/Kiritimati";
const OWNER_ZONE = "Pacific/Pago_Pago";
const dateIn = (zone: string, at: number) =>
  new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: zone })
    .format(at)
    .replace(/\s*г\.$/, "");

describe("dates shown to the owner follow the /settings time zone", () => {
  const session = new BotSession({ env: { BOT_TIMEZONE: BOT_ZONE } });
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("a card shows BOT_TIMEZONE's date until a zone is chosen, then the chosen zone's", async () => {
    const before = Date.now();
    const id = await addIdea(session.chat, "Лампа", "Настольная лампа");
    const after = Date.now();
    const created = (zone: string) => [dateIn(zone, before), dateIn(zone, after)].map((date) => `Создан: ${date}`);

    const defaultCard = String((await session.chat.tap(Buttons.project.pack({ id, action: "open" }))).payload.text);
    expect(created(BOT_ZONE).some((line) => defaultCard.includes(line))).toBe(true);

    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "timeZone" }));
    expect((await session.chat.send(OWNER_ZONE)).payload.text).toBe(`✅ Часовой пояс: ${OWNER_ZONE}`);

    await session.chat.send("/ideas");
    const card = String((await session.chat.tap(Buttons.project.pack({ id, action: "open" }))).payload.text);
    expect(created(OWNER_ZONE).some((line) => card.includes(line))).toBe(true);
    expect(created(BOT_ZONE).some((line) => card.includes(line))).toBe(false);
  });
});
