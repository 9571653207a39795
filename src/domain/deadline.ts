/** Pure rules of deadlines: a day (and maybe a time) in the owner's time zone, counted in whole days. */

const DAY_MS = 86_400_000;

/** A project's deadline as the owner set it: a day in their time zone, and the time only when they said one. */
export interface Deadline {
  /** YYYY-MM-DD in the owner's zone. */
  date: string;
  /** HH:MM in the owner's zone. */
  time?: string;
}

/** The quick picks offered beside the typed date: a week, two weeks, a month from today. */
export const DEADLINE_PICKS = ["week", "twoWeeks", "month"] as const;
export type DeadlinePick = (typeof DEADLINE_PICKS)[number];

/** How near a deadline is, for lists and the "⏳ Deadlines" screen. */
export type DeadlineUrgency = "overdue" | "week" | "later";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A stored (or imported) deadline that reads as a real day and time; anything else is no deadline. */
export function deadlineOf(date: string | null | undefined, time?: string | null): Deadline | null {
  const match = date ? DATE.exec(date) : null;
  if (!date || !match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return time && TIME.test(time) ? { date, time } : { date };
}

/** The zone's offset from UTC at `instant`, in minutes. */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** Today's day (YYYY-MM-DD) in the zone. */
export function localDay(now: Date, timeZone: string): string {
  return new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000).toISOString().slice(0, 10);
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Whole days from the owner's today to the deadline's day: 0 today, 1 tomorrow, −2 two days overdue. */
export function daysLeft(deadline: Deadline, now: Date, timeZone: string): number {
  return Math.round(dayNumber(deadline.date) - dayNumber(localDay(now, timeZone)));
}

export function urgencyOf(days: number): DeadlineUrgency {
  if (days < 0) return "overdue";
  return days <= 7 ? "week" : "later";
}

/** The day a quick pick means, counted from the owner's today (a month: the same day next month, or its last). */
export function pickedDeadline(pick: DeadlinePick, now: Date, timeZone: string): Deadline {
  const today = new Date(`${localDay(now, timeZone)}T00:00:00Z`);
  const dayKey = (at: Date) => at.toISOString().slice(0, 10);
  if (pick !== "month") return { date: dayKey(new Date(today.getTime() + (pick === "week" ? 7 : 14) * DAY_MS)) };
  const lastOfNext = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 0)).getUTCDate();
  const next = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, Math.min(today.getUTCDate(), lastOfNext)),
  );
  return { date: dayKey(next) };
}

/** The moment a deadline ends: its time, or the end of its day, in the owner's zone. */
export function deadlineEnd(deadline: Deadline, timeZone: string): Date {
  const wall = Date.parse(`${deadline.date}T${deadline.time ?? "23:59"}:00Z`);
  // The offset of the zone near that wall time (a day's DST change is at most an hour off, then corrected).
  const guess = new Date(wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000);
  return new Date(wall - zoneOffsetMinutes(guess, timeZone) * 60_000);
}

/** Nearest first; a day without a time counts as its end. */
export function compareDeadlines(a: Deadline, b: Deadline): number {
  const key = (d: Deadline) => `${d.date}T${d.time ?? "24:00"}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** Days before the deadline when the countdown speaks; on the day itself (0) and every day after, too. */
export const COUNTDOWN_DAYS = [7, 3, 1, 0] as const;
/** The countdown speaks in the morning of the owner's day. */
export const COUNTDOWN_TIME = "10:00";

/** Whether the countdown has something to say on a day `days` before the deadline (negative: overdue). */
export const isCountdownDay = (days: number) => days < 0 || (COUNTDOWN_DAYS as readonly number[]).includes(days);

/** Today's word of the countdown, once its morning has come: the owner's day and how many days are left. */
export function countdownToday(
  deadline: Deadline,
  now: Date,
  timeZone: string,
): { day: string; daysLeft: number } | null {
  const days = daysLeft(deadline, now, timeZone);
  const day = localDay(now, timeZone);
  if (!isCountdownDay(days) || now < morningOf(day, timeZone)) return null;
  return { day, daysLeft: days };
}

/** COUNTDOWN_TIME of a day (YYYY-MM-DD) in the zone. */
export const morningOf = (day: string, timeZone: string) => deadlineEnd({ date: day, time: COUNTDOWN_TIME }, timeZone);

/** The next countdown morning after `now` (today's if it is still ahead, else tomorrow's). */
export function nextMorning(now: Date, timeZone: string): Date {
  const today = morningOf(localDay(now, timeZone), timeZone);
  if (today > now) return today;
  return morningOf(localDay(new Date(now.getTime() + DAY_MS), timeZone), timeZone);
}

/**
 * A deadline as one comparable text: "2026-12-17", "2026-12-17T18:00", or "none". What the Notion mirror records
 * as last written, to tell an edit made there from its own write.
 */
export const deadlineKey = (deadline: Deadline | null | undefined) =>
  deadline ? (deadline.time ? `${deadline.date}T${deadline.time}` : deadline.date) : "none";

/**
 * A date as Notion gives it (ISO 8601: a day, or a moment with its UTC offset) read as the owner's deadline: the
 * moment becomes the day and time it is in the owner's zone. null when it does not read.
 */
export function deadlineFromIso(start: string, timeZone: string): Deadline | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return deadlineOf(start);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(start)) return null;
  const instant = new Date(start);
  if (Number.isNaN(instant.getTime())) return null;
  const wall = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}
