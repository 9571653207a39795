import * as chrono from "chrono-node";
import { zoneOffsetMinutes, type Deadline } from "../domain/deadline.ts";

/** A deadline as the owner typed it: a day in their time zone, and the time only when they said one. */
export type TypedDeadline = Deadline;

export type DeadlineParse = { ok: true; deadline: TypedDeadline } | { ok: false; reason: "unknown" | "past" };

interface LocalMoment {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

function localNow(now: Date, offset: number): Required<LocalMoment> {
  const shifted = new Date(now.getTime() + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const isRealDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** "25.12", "25.12.2027", "25.12 в 18:00": numeric days, which chrono's Russian parser does not read. */
const NUMERIC = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?:\s+(?:в\s+)?(\d{1,2}):(\d{2}))?$/;

function numericDate(text: string, today: LocalMoment): LocalMoment | null | undefined {
  const match = NUMERIC.exec(text);
  if (!match) return undefined;
  const [day, month] = [Number(match[1]), Number(match[2])];
  let year = match[3] ? Number(match[3].length === 2 ? `20${match[3]}` : match[3]) : today.year;
  // Without a year the next such day is meant, as with "15 марта".
  if (!match[3] && (month < today.month || (month === today.month && day < today.day))) year += 1;
  if (!isRealDay(year, month, day)) return null;
  const time = match[4] === undefined ? {} : { hour: Number(match[4]), minute: Number(match[5]) };
  if (time.hour !== undefined && (time.hour > 23 || time.minute! > 59)) return null;
  return { year, month, day, ...time };
}

/** "к пятнице", "до среды": the dative and genitive the owner writes after к/до, as chrono's Russian reads them. */
const WEEKDAY_FORMS: [RegExp, string][] = [
  [/(?<!\p{L})понедельник[ау](?!\p{L})/iu, "понедельник"],
  [/(?<!\p{L})вторник[ау](?!\p{L})/iu, "вторник"],
  [/(?<!\p{L})сред[еы](?!\p{L})/iu, "среду"],
  [/(?<!\p{L})четверг[ау](?!\p{L})/iu, "четверг"],
  [/(?<!\p{L})пятниц[еы](?!\p{L})/iu, "пятницу"],
  [/(?<!\p{L})суббот[еы](?!\p{L})/iu, "субботу"],
  [/(?<!\p{L})воскресень[юя](?!\p{L})/iu, "воскресенье"],
];
const LEADING_WORD = /^(?:до|к|ко|by|until|before|on)\s+/i;

function chronoDate(text: string, now: Date, offset: number): LocalMoment | undefined {
  let cleaned = text.replace(LEADING_WORD, "");
  for (const [form, base] of WEEKDAY_FORMS) cleaned = cleaned.replace(form, base);
  for (const parser of [chrono.ru, chrono.en]) {
    const [found] = parser.parse(cleaned, { instant: now, timezone: offset }, { forwardDate: true });
    // Most of what was typed must be the date: "купить молоко завтра" or "в конце месяца" are not deadlines.
    if (!found || found.text.length < cleaned.length * 0.6) continue;
    const { start } = found;
    const moment = { year: start.get("year")!, month: start.get("month")!, day: start.get("day")! };
    if (!start.isCertain("hour")) return moment;
    return { ...moment, hour: start.get("hour")!, minute: start.get("minute") ?? 0 };
  }
  return undefined;
}

const pad = (value: number) => String(value).padStart(2, "0");
const dayKey = (m: LocalMoment) => `${m.year}-${pad(m.month)}-${pad(m.day)}`;

/**
 * A deadline typed the way people write dates, in Russian or English ("15 марта", "25.12", "в пятницу",
 * "через 10 дней", "завтра 18:00", "March 15", "next Tuesday"), read in the owner's time zone. A day before
 * today, or a time today that has passed, is refused as past; anything else unread as unknown.
 */
export function parseDeadline(input: string, now: Date, timeZone: string): DeadlineParse {
  const text = input.trim().replace(/\s+/g, " ").toLowerCase();
  const offset = zoneOffsetMinutes(now, timeZone);
  const today = localNow(now, offset);
  const numeric = numericDate(text, today);
  const found = numeric === undefined ? chronoDate(text, now, offset) : numeric;
  if (!found) return { ok: false, reason: "unknown" };
  const day = dayKey(found);
  const time = found.hour === undefined ? undefined : `${pad(found.hour)}:${pad(found.minute ?? 0)}`;
  const todayKey = dayKey(today);
  if (day < todayKey || (day === todayKey && time !== undefined && time <= `${pad(today.hour)}:${pad(today.minute)}`))
    return { ok: false, reason: "past" };
  return { ok: true, deadline: time === undefined ? { date: day } : { date: day, time } };
}
