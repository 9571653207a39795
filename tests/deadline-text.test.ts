import { describe, expect, it } from "vitest";
import { parseDeadline } from "../src/usecases/deadline-text.ts";
import { zoneOffsetMinutes } from "../src/domain/deadline.ts";

/** Sunday 6 December 2026, 12:00 in Moscow (09:00 UTC). */
const NOW = new Date("2026-12-06T09:00:00Z");
const ZONE = "Europe/Moscow";

/** Each phrase with the deadline a person means by it on that Sunday noon: [typed, date, time?]. */
const RUSSIAN: [string, string, string?][] = [
  ["сегодня", "2026-12-06"],
  ["сегодня в 18:00", "2026-12-06", "18:00"],
  ["завтра", "2026-12-07"],
  ["завтра 18:00", "2026-12-07", "18:00"],
  ["завтра в 18:00", "2026-12-07", "18:00"],
  ["завтра в полдень", "2026-12-07", "12:00"],
  ["послезавтра", "2026-12-08"],
  ["послезавтра в 9:30", "2026-12-08", "09:30"],
  ["в понедельник", "2026-12-07"],
  ["в следующий понедельник", "2026-12-07"],
  ["в среду", "2026-12-09"],
  ["в четверг в 10:00", "2026-12-10", "10:00"],
  ["пятница", "2026-12-11"],
  ["в пятницу", "2026-12-11"],
  ["в эту пятницу", "2026-12-11"],
  ["в следующую пятницу", "2026-12-11"],
  ["к пятнице", "2026-12-11"],
  ["до среды", "2026-12-09"],
  ["в пятницу в 17:00", "2026-12-11", "17:00"],
  ["в субботу", "2026-12-12"],
  ["в воскресенье", "2026-12-13"],
  ["в следующий вторник", "2026-12-08"],
  ["через день", "2026-12-07"],
  ["через 1 день", "2026-12-07"],
  ["через пару дней", "2026-12-08"],
  ["через три дня", "2026-12-09"],
  ["через 5 дней", "2026-12-11"],
  ["через 10 дней", "2026-12-16"],
  ["через 14 дней", "2026-12-20"],
  ["через неделю", "2026-12-13"],
  ["через неделю в 12:00", "2026-12-13", "12:00"],
  ["через две недели", "2026-12-20"],
  ["через месяц", "2027-01-06"],
  ["через 2 месяца", "2027-02-06"],
  ["через полгода", "2027-06-06"],
  ["через год", "2027-12-06"],
  ["20 декабря", "2026-12-20"],
  ["до 20 декабря", "2026-12-20"],
  ["11 декабря 2026", "2026-12-11"],
  ["1 января", "2027-01-01"],
  ["первого января", "2027-01-01"],
  ["10 января 2027", "2027-01-10"],
  ["1 февраля", "2027-02-01"],
  ["8 марта", "2027-03-08"],
  ["15 марта", "2027-03-15"],
  ["15 марта 2027", "2027-03-15"],
  ["30 ноября", "2027-11-30"],
  ["25.12", "2026-12-25"],
  ["25.12 в 18:00", "2026-12-25", "18:00"],
  ["05.01", "2027-01-05"],
  ["05.12", "2027-12-05"],
  ["31.12.2026", "2026-12-31"],
  ["10.01.2027", "2027-01-10"],
  ["10.01.27", "2027-01-10"],
];

const ENGLISH: [string, string, string?][] = [
  ["today", "2026-12-06"],
  ["tomorrow", "2026-12-07"],
  ["tomorrow 6pm", "2026-12-07", "18:00"],
  ["tomorrow at noon", "2026-12-07", "12:00"],
  ["the day after tomorrow", "2026-12-08"],
  ["on Monday", "2026-12-07"],
  ["Wednesday", "2026-12-09"],
  ["friday 10am", "2026-12-11", "10:00"],
  ["this Friday", "2026-12-11"],
  ["next Friday", "2026-12-11"],
  ["next Tuesday", "2026-12-08"],
  ["in 3 days", "2026-12-09"],
  ["in 10 days", "2026-12-16"],
  ["in a week", "2026-12-13"],
  ["in 2 weeks", "2026-12-20"],
  ["in one month", "2027-01-06"],
  ["December 20", "2026-12-20"],
  ["Dec 25 at 3pm", "2026-12-25", "15:00"],
  ["25 December", "2026-12-25"],
  ["Jan 1", "2027-01-01"],
  ["1 January 2027", "2027-01-01"],
  ["March 8", "2027-03-08"],
  ["March 15", "2027-03-15"],
  ["12/31", "2026-12-31"],
  ["2027-01-15", "2027-01-15"],
];

// A day without a year is its next occurrence ("05.12" on 6 December is 5 December 2027, as "15 марта" is 2027).
const expected = ([, date, time]: [string, string, string?]) => ({
  ok: true,
  deadline: time ? { date, time } : { date },
});

describe("deadlines typed the way people write dates", () => {
  it("covers at least 40 Russian and 20 English phrases", () => {
    expect(RUSSIAN.length).toBeGreaterThanOrEqual(40);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(20);
  });

  it.each(RUSSIAN)("reads «%s»", (typed, ...rest) => {
    expect(parseDeadline(typed, NOW, ZONE)).toEqual(expected([typed, ...rest] as [string, string, string?]));
  });

  it.each(ENGLISH)("reads “%s”", (typed, ...rest) => {
    expect(parseDeadline(typed, NOW, ZONE)).toEqual(expected([typed, ...rest] as [string, string, string?]));
  });

  it("refuses a day or a time that has passed, and what is not a date", () => {
    for (const past of ["вчера", "1 декабря 2026", "05.12.2026", "сегодня в 10:00", "yesterday"])
      expect(parseDeadline(past, NOW, ZONE), past).toEqual({ ok: false, reason: "past" });
    for (const nonsense of ["купить молоко", "в конце месяца", "31.02", "25.12 в 25:00", "asap", ""])
      expect(parseDeadline(nonsense, NOW, ZONE), nonsense).toEqual({ ok: false, reason: "unknown" });
  });

  it("reads today and tomorrow in the owner's zone, not the server's", () => {
    const lateInMoscow = new Date("2026-12-06T20:30:00Z"); // 23:30 in Moscow, 15:30 in New York
    expect(parseDeadline("завтра", lateInMoscow, ZONE)).toEqual({ ok: true, deadline: { date: "2026-12-07" } });
    expect(parseDeadline("tomorrow", lateInMoscow, "America/New_York")).toEqual({
      ok: true,
      deadline: { date: "2026-12-07" },
    });
    const earlyInMoscow = new Date("2026-12-06T22:30:00Z"); // 01:30 on the 7th in Moscow
    expect(parseDeadline("завтра", earlyInMoscow, ZONE)).toEqual({ ok: true, deadline: { date: "2026-12-08" } });
    expect(zoneOffsetMinutes(NOW, ZONE)).toBe(180);
    expect(zoneOffsetMinutes(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe(-240);
  });
});
