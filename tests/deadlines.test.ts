import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { addIdea, buttonsOf, callback, isButton, stickerMessage, type OwnerChat } from "./support/owner-chat.ts";
import { sqliteRows, sqliteRun } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";
import { dayIn } from "./support/zones.ts";
import ICAL from "ical.js";

const ZONE = "Asia/Vladivostok";

/** A day in the owner's zone, `offset` days from today, as YYYY-MM-DD. */
const dayFromToday = (offset: number) => dayIn(ZONE, offset);
/** "17 декабря" for that day (the year only when it is not this one). */
const ruDay = (offset: number) => {
  const date = new Date(`${dayFromToday(offset)}T00:00:00Z`);
  const sameYear = dayFromToday(offset).slice(0, 4) === dayFromToday(0).slice(0, 4);
  const text = new Intl.DateTimeFormat("ru-RU", {
    day: "numeric",
    month: "long",
    timeZone: "UTC",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
  return text.replace(/\s*г\.$/, "");
};

/** The deadline step as the owner meets it: from the card's ⏳ button, then whatever they type or tap. */
class DeadlineStep {
  private readonly session: { chat: OwnerChat };
  constructor(session: { chat: OwnerChat }) {
    this.session = session;
  }
  private get chat() {
    return this.session.chat;
  }
  /** From the card on screen: ✏️ Edit → ⏳ Deadline. */
  async open(id: number) {
    await this.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    return this.chat.tap(Buttons.project.pack({ id, action: "deadline" }));
  }
  type = (text: string) => this.chat.send(text);
  pick = (pick: "week" | "twoWeeks" | "month" | "none") => this.chat.tap(Buttons.deadline.pack({ pick }));
}

describe("deadlines: typed like people write dates, shown and counted down", () => {
  const session = new BotSession({ env: { BOT_TIMEZONE: ZONE } });
  const step = new DeadlineStep(session);
  const stored = (id: number) =>
    sqliteRows<{ deadlineDate: string | null; deadlineTime: string | null }>(
      session.databaseUrl,
      "SELECT deadlineDate, deadlineTime FROM Project WHERE id = ?",
      id,
    )[0];
  const activate = async (id: number) => {
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "activate" }));
    return session.chat.tap(Buttons.project.pack({ id, action: "activate", arg: "7" }));
  };
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("/due with no deadline says where to set one", async () => {
    const screen = await session.chat.send("/due");
    expect(screen.payload.text).toContain("Сроков пока нет");
  });

  it("an active card offers a deadline; past days and nonsense are refused and nothing is saved", async () => {
    const id = await addIdea(session.chat, "Стул", "Гнутая фанера");
    const card = await activate(id);
    expect(buttonsOf(card).some((b) => isButton(Buttons.project, b.data, { id, action: "deadline" }))).toBe(true);
    expect(buttonsOf(card).find((b) => isButton(Buttons.project, b.data, { action: "deadline" }))?.text).toBe(
      "⏳ Поставить срок",
    );

    const ask = await session.chat.tap(Buttons.project.pack({ id, action: "deadline" }));
    expect(ask.payload.text).toContain("Какой срок у «Стул»?");
    const picks = buttonsOf(ask).map((b) => b.data);
    expect(picks).toContain(Buttons.deadline.pack({ pick: "week" }));
    expect(picks).not.toContain(Buttons.deadline.pack({ pick: "none" })); // nothing to remove yet

    expect((await step.type("вчера")).payload.text).toContain("Этот день уже прошёл");
    expect((await step.type("купить молоко")).payload.text).toContain("Не понял дату");
    expect((await session.chat.push(stickerMessage())).payload.text).toContain("Нужна дата текстом");
    expect(stored(id)).toEqual({ deadlineDate: null, deadlineTime: null });

    const saved = await step.type("через 10 дней");
    expect(stored(id)).toEqual({ deadlineDate: dayFromToday(10), deadlineTime: null });
    expect(saved.payload.text).toContain("✅ Срок сохранён.");
    expect(saved.payload.text).toContain(`⏳ Срок: ${ruDay(10)}, через 10 дней`);
  });

  it("activation offers a deadline with quick picks: one tap sets it (a second tap changes nothing), or none", async () => {
    const id = await addIdea(session.chat, "Ширма", "Ротанг");
    const card = await activate(id);
    expect(card.payload.text ?? card.payload.caption).toContain("В работе");
    const offer = session.chat.messageWithButton(Buttons.project.pack({ id, action: "setdue", arg: "1w" }));
    expect(offer.text).toContain("Поставим срок «Ширма»?");
    const month = Buttons.project.pack({ id, action: "setdue", arg: "1m" });
    const saved = await session.chat.tap(month);
    const monthAhead = stored(id).deadlineDate;
    expect(monthAhead).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(saved.payload.text).toContain("✅ Срок сохранён.");
    const again = await session.chat.push(callback(month, offer), (c) => c.method === "answerCallbackQuery");
    expect(again.payload.text).toBe("Этот срок уже сохранён.");
    expect(stored(id)).toEqual({ deadlineDate: monthAhead, deadlineTime: null });
    sqliteRun(session.databaseUrl, "UPDATE Project SET deadlineDate = NULL WHERE id = ?", id);
    const skipped = await session.chat.push(
      callback(Buttons.project.pack({ id, action: "setdue", arg: "none" }), offer),
    );
    expect(skipped.payload.text).toContain("без срока");
    expect(stored(id)).toEqual({ deadlineDate: null, deadlineTime: null });
    sqliteRun(session.databaseUrl, "UPDATE Project SET status = 'archived' WHERE id = ?", id);
  });

  it("a time is kept when one is typed; a quick pick and removal work from an idea's ✏️ menu", async () => {
    const id = await addIdea(session.chat, "Лампа", "Латунь");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const edit = await session.chat.tap(Buttons.project.pack({ id, action: "edit" }));
    expect(buttonsOf(edit).map((b) => b.data)).toContain(Buttons.project.pack({ id, action: "deadline" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "deadline" }));
    const tomorrow = await step.type("завтра 18:00");
    expect(stored(id)).toEqual({ deadlineDate: dayFromToday(1), deadlineTime: "18:00" });
    expect(tomorrow.payload.text).toContain(`⏳ Срок: ${ruDay(1)}, 18:00, завтра`);

    const again = await step.open(id);
    expect(buttonsOf(again).map((b) => b.data)).toContain(Buttons.deadline.pack({ pick: "none" }));
    const picked = await step.pick("twoWeeks");
    expect(stored(id)).toEqual({ deadlineDate: dayFromToday(14), deadlineTime: null });
    expect(picked.payload.text).toContain("через 14 дней");

    await step.open(id);
    const removed = await step.pick("none");
    expect(stored(id)).toEqual({ deadlineDate: null, deadlineTime: null });
    expect(removed.payload.text).toContain("✅ Срок убран.");
    expect(removed.payload.text).not.toContain("⏳ Срок:");
  });

  it("overdue, this week and later: the card, the active list by urgency and the ⏳ Deadlines screen", async () => {
    const late = await addIdea(session.chat, "Кресло", "Каркас");
    const soon = await addIdea(session.chat, "Полка", "Дуб");
    await activate(late);
    await activate(soon);
    sqliteRun(session.databaseUrl, "UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(-2), late);
    sqliteRun(session.databaseUrl, "UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(3), soon);

    const card = await session.chat.tap(Buttons.project.pack({ id: late, action: "open" }));
    expect(card.payload.text).toContain(`⏳ Срок: ${ruDay(-2)}, просрочен на 2 дня`);

    const list = await session.chat.send("/active");
    const names = buttonsOf(list)
      .filter((b) => isButton(Buttons.project, b.data, { action: "open" }))
      .map((b) => b.text);
    // Nearest deadline first, the overdue one marked red; "Стул" (10 days) after them.
    expect(names.slice(0, 3)).toEqual(["🔴 Кресло", "🟠 Полка", "Стул"]);
    expect(list.payload.text).toContain(`Кресло — ⏳ ${ruDay(-2)}, просрочен на 2 дня`);

    await session.chat.send("/start");
    const menu = await session.chat.tap(Buttons.nav.pack({ screen: "projects" }));
    expect(buttonsOf(menu).find((b) => b.data === Buttons.nav.pack({ screen: "due" }))?.text).toBe("⏳ Сроки");
    const due = await session.chat.tap(Buttons.nav.pack({ screen: "due" }));
    const text = String(due.payload.text);
    const [overdue, week, later] = ["Просрочены", "Ближайшие 7 дней", "Позже"].map((head) => text.indexOf(head));
    expect(overdue).toBeGreaterThan(0);
    expect(text.indexOf("Кресло")).toBeGreaterThan(overdue);
    expect(text.indexOf("Полка")).toBeGreaterThan(week);
    expect(text.indexOf("Стул")).toBeGreaterThan(later);
    expect(week).toBeGreaterThan(text.indexOf("Кресло"));
    expect(later).toBeGreaterThan(text.indexOf("Полка"));
    expect(await session.chat.send("/due").then((m) => m.payload.text)).toBe(text);
  });

  it("/calendar: an .ics an independent parser reads back — an event on each deadline's day, an alarm the day before", async () => {
    const polka = Number(
      sqliteRows<{ id: number }>(session.databaseUrl, "SELECT id FROM Project WHERE name = 'Полка'")[0].id,
    );
    sqliteRun(session.databaseUrl, "UPDATE Project SET deadlineTime = '18:30' WHERE id = ?", polka);
    const sent = await session.chat.send("/calendar");
    expect(sent.method).toBe("sendDocument");
    expect(sent.payload.caption).toContain("Сроки для календаря: 3");
    const [file] = Object.values(sent.files);
    expect(file.name).toBe("designflow-deadlines.ics");
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(file.bytes).toString("utf8")));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      const alarm = vevent.getFirstSubcomponent("valarm");
      const trigger = alarm?.getFirstPropertyValue("trigger") as ICAL.Duration | undefined;
      return {
        uid: event.uid,
        summary: event.summary,
        allDay: event.startDate.isDate,
        start: event.startDate.toString(),
        alarmSeconds: trigger?.toSeconds(),
      };
    });
    const byName = (name: string) => events.find((e) => e.summary === `⏳ Срок: ${name}`);
    expect(events).toHaveLength(3);
    expect(byName("Стул")).toMatchObject({ allDay: true, start: dayFromToday(10), alarmSeconds: -14 * 3600 });
    expect(byName("Кресло")).toMatchObject({ allDay: true, start: dayFromToday(-2) });
    // 18:30 in Vladivostok (UTC+10) is 08:30 UTC.
    expect(byName("Полка")).toMatchObject({
      allDay: false,
      start: `${dayFromToday(3)}T08:30:00Z`,
      alarmSeconds: -86400,
    });
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });

  it("an archived project keeps no countdown: no deadline button, left out of ⏳ Deadlines", async () => {
    const id = Number(
      sqliteRows<{ id: number }>(session.databaseUrl, "SELECT id FROM Project WHERE name = 'Кресло'")[0].id,
    );
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const archived = await session.chat.tap(Buttons.project.pack({ id, action: "complete" }));
    expect(buttonsOf(archived).map((b) => b.data)).not.toContain(Buttons.project.pack({ id, action: "deadline" }));
    expect(archived.payload.text).not.toContain("⏳ Срок");
    const due = await session.chat.send("/due");
    expect(due.payload.text).not.toContain("Кресло");
    expect(due.payload.text).toContain("Полка");
  });
});
