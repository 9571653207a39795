import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import { sqlite } from "./support/reminders-db.ts";
import {
  isQuiet,
  parseQuietHours,
  previousWeeklySlot,
  projectDueAt,
  quietEnd,
  validTimeZone,
} from "../src/domain/reminder-time.ts";
import { Buttons } from "../src/bot/buttons.ts";

const DAY = 86_400_000;

describe("reminder settings in /settings", () => {
  const session = new BotSession({
    env: { REMINDER_CRON: "0 0 1 1 *", IDEA_DIGEST_CRON: "0 10 * * 1", BOT_TIMEZONE: "Europe/Moscow" },
  });
  let db: ReturnType<typeof sqlite>;
  beforeAll(async () => {
    await session.start();
    db = sqlite(session);
  });
  afterAll(() => session.close());

  it("shows time zone, quiet hours and digest in the menu, keeping the language", async () => {
    const menu = await session.chat.send("/settings");
    expect(menu.payload.text).toContain("Язык интерфейса: русский");
    expect(menu.payload.text).toContain("Часовой пояс: Europe/Moscow");
    expect(menu.payload.text).toContain("Тихие часы: выкл.");
    expect(buttonsOf(menu).map((b) => b.data)).toEqual([
      Buttons.settings.pack({ section: "language" }),
      Buttons.settings.pack({ section: "timeZone" }),
      Buttons.settings.pack({ section: "quietHours" }),
      Buttons.settings.pack({ section: "digest" }),
      Buttons.settings.pack({ section: "reminders" }),
      Buttons.settings.pack({ section: "textsLanguage" }),
      Buttons.settings.pack({ section: "close" }),
    ]);
    expect(menu.payload.text).toContain("Тексты ИИ (карточка, пост): на языке интерфейса");
  });

  it("sets the time zone from the list, and a typed IANA name after re-asking on a wrong one", async () => {
    await session.chat.tap(Buttons.settings.pack({ section: "timeZone" }));
    const picked = await session.chat.tap(Buttons.settings.pack({ section: "timeZone", arg: "3" }));
    expect(picked.payload.text).toBe("✅ Часовой пояс: Asia/Yekaterinburg");
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "timeZone" }));
    const wrong = await session.chat.send("Mars/Olympus <b>");
    expect(wrong.payload.text).toContain("Не знаю часового пояса «Mars/Olympus &lt;b&gt;»");
    const typed = await session.chat.send("asia/tokyo");
    expect(typed.payload.text).toBe("✅ Часовой пояс: Asia/Tokyo");
    expect(db.get("SELECT value FROM Setting WHERE key = 'reminders:tz'")).toEqual({ value: "Asia/Tokyo" });
  });

  it("sets quiet hours, re-asking with the reason on bad input, and turns them off", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "quietHours" }));
    expect((await session.chat.send("late evening")).payload.text).toContain("Не понял интервал");
    expect((await session.chat.send("25-7")).payload.text).toContain("Часы — от 0 до 23");
    expect((await session.chat.send("8-8")).payload.text).toContain("совпадают");
    const saved = await session.chat.send("23:30-07:15");
    expect(saved.payload.text).toBe("✅ Тихие часы: 23:30–07:15");
    expect(JSON.parse(db.get("SELECT value FROM Setting WHERE key = 'reminders:quiet'").value)).toEqual({
      start: 23 * 60 + 30,
      end: 7 * 60 + 15,
    });
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "quietHours" }));
    expect(
      (await session.chat.tap(Buttons.settings.pack({ section: "quietHours", arg: "off" }))).payload.text,
    ).toContain("выключены");
    expect(db.get("SELECT COUNT(*) AS n FROM Setting WHERE key = 'reminders:quiet'")).toEqual({ n: 0 });
  });

  it("sets the digest day and hour (typed hour validated) and the overview lists upcoming reminders and the next digest", async () => {
    await session.chat.send("/settings");
    await session.chat.tap(Buttons.settings.pack({ section: "digest" }));
    await session.chat.tap(Buttons.settings.pack({ section: "digestDay", arg: "3" }));
    expect((await session.chat.send("31")).payload.text).toContain("от 0 до 23");
    const saved = await session.chat.send("9");
    expect(saved.payload.text).toBe("✅ Подборка идей: Ср 09:00");

    const now = Date.now();
    db.project("Стеллаж", { interval: 7, activatedAt: new Date(now - 2 * DAY).toISOString() });
    db.project("Кружка <3>", { interval: 1, activatedAt: new Date(now - 12 * 3_600_000).toISOString() });
    await session.chat.send("/settings");
    const overview = await session.chat.tap(Buttons.settings.pack({ section: "reminders" }));
    const lines = String(overview.payload.text).split("\n");
    expect(lines[0]).toBe("⏰ <b>Ближайшие напоминания</b> (Asia/Tokyo):");
    expect(lines[1]).toMatch(/— Кружка &lt;3&gt;$/);
    expect(lines[2]).toMatch(/— Стеллаж$/);
    // The next digest is on a Wednesday at 09:00 Tokyo time.
    expect(lines.at(-1)).toMatch(/^💡 Подборка идей: (сегодня|завтра|в среду, \d+ \S+,) в 09:00$/);
  });
});

describe("reminder time rules", () => {
  it("counts the interval from the last reminder or the activation; a later snooze wins", () => {
    const activatedAt = new Date("2026-01-01T10:00:00Z");
    const base = {
      reminderIntervalDays: 7,
      activatedAt,
      lastRemindedAt: null,
      snoozedUntil: null,
      createdAt: activatedAt,
    };
    expect(projectDueAt(base)?.toISOString()).toBe("2026-01-08T10:00:00.000Z");
    expect(projectDueAt({ ...base, lastRemindedAt: new Date("2026-01-09T00:00:00Z") })?.toISOString()).toBe(
      "2026-01-16T00:00:00.000Z",
    );
    const snoozed = {
      ...base,
      lastRemindedAt: new Date("2026-01-09T00:00:00Z"),
      snoozedUntil: new Date("2026-01-09T01:00:00Z"),
    };
    expect(projectDueAt(snoozed)?.toISOString()).toBe("2026-01-09T01:00:00.000Z");
    // A snooze from before the last reminder is used up.
    expect(projectDueAt({ ...snoozed, snoozedUntil: new Date("2026-01-08T12:00:00Z") })?.toISOString()).toBe(
      "2026-01-16T00:00:00.000Z",
    );
    expect(projectDueAt({ ...base, reminderIntervalDays: null })).toBeNull();
  });

  it("knows quiet hours across midnight in the owner's zone and when they end", () => {
    const quiet = parseQuietHours("22-8");
    expect(quiet).toEqual({ ok: true, value: { start: 22 * 60, end: 8 * 60 } });
    const value = quiet.ok ? quiet.value : null;
    // 20:30 UTC is 23:30 in Moscow (UTC+3): quiet until 08:00 Moscow = 05:00 UTC.
    const night = new Date("2026-03-10T20:30:00Z");
    expect(isQuiet(night, value, "Europe/Moscow")).toBe(true);
    expect(isQuiet(night, value, "UTC")).toBe(false);
    expect(quietEnd(night, value, "Europe/Moscow").toISOString()).toBe("2026-03-11T05:00:00.000Z");
    expect(quietEnd(night, value, "UTC")).toBe(night);
  });

  it("validates IANA zones and finds the last weekly digest slot", () => {
    expect(validTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("Mars/Olympus")).toBeNull();
    expect(validTimeZone("")).toBeNull();
    // Monday 10:00 Moscow = 07:00 UTC; from Wednesday 2026-03-11 back to Monday 2026-03-09.
    expect(
      previousWeeklySlot(new Date("2026-03-11T12:00:00Z"), { day: 1, hour: 10 }, "Europe/Moscow").toISOString(),
    ).toBe("2026-03-09T07:00:00.000Z");
    expect(
      previousWeeklySlot(new Date("2026-03-11T12:00:00Z"), { day: 1, hour: 10 }, "Asia/Kolkata").toISOString(),
    ).toBe("2026-03-09T04:30:00.000Z");
  });
});
