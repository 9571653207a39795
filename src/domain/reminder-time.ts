/** Pure time rules of reminders: due moments, quiet hours, time zones. */
import { localDay } from "./deadline.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface ReminderFields {
  reminderIntervalDays: number | null;
  activatedAt: Date | null;
  lastRemindedAt: Date | null;
  snoozedUntil: Date | null;
  createdAt: Date;
}

/**
 * When the project's next reminder falls due: its interval after the last
 * reminder (or the activation), unless a snooze made after that point says
 * otherwise. null = never (no interval).
 */
export function projectDueAt(project: ReminderFields): Date | null {
  if (!project.reminderIntervalDays) return null;
  const since = project.lastRemindedAt ?? project.activatedAt ?? project.createdAt;
  if (project.snoozedUntil && project.snoozedUntil > since) return project.snoozedUntil;
  return new Date(since.getTime() + project.reminderIntervalDays * DAY_MS);
}

/** Minutes after local midnight: start inclusive, end exclusive; the window may wrap past midnight. */
export interface QuietHours {
  start: number;
  end: number;
}

export function validTimeZone(text: string): string | null {
  const zone = text.trim();
  if (!zone || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export type QuietParse = { ok: true; value: QuietHours } | { ok: false; reason: "format" | "range" | "empty" };

/** "22-8", "22:00-08:00", "23:30 – 7:15". */
export function parseQuietHours(text: string): QuietParse {
  const match = text.trim().match(/^(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?$/);
  if (!match) return { ok: false, reason: "format" };
  const [h1, m1, h2, m2] = [match[1], match[2] ?? "0", match[3], match[4] ?? "0"].map(Number);
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return { ok: false, reason: "range" };
  const value = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
  if (value.start === value.end) return { ok: false, reason: "empty" };
  return { ok: true, value };
}

export const formatMinutes = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
export const formatQuietHours = (quiet: QuietHours) => `${formatMinutes(quiet.start)}–${formatMinutes(quiet.end)}`;

/** Local wall-clock parts of a moment in a time zone. */
export function localParts(at: Date, timeZone: string): { minutes: number; weekday: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "0";
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return { minutes: Number(get("hour")) * 60 + Number(get("minute")), weekday };
}

export function isQuiet(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const { minutes } = localParts(at, timeZone);
  return quiet.start < quiet.end
    ? minutes >= quiet.start && minutes < quiet.end
    : minutes >= quiet.start || minutes < quiet.end;
}

/** The first whole minute at or after `at` outside the quiet hours (`at` itself when not quiet). */
export function quietEnd(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!isQuiet(at, quiet, timeZone)) return at;
  let probe = new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
  // Stepping by minutes is DST-proof; a window is at most 24 h long.
  for (let i = 0; i <= 24 * 60 && isQuiet(probe, quiet, timeZone); i++) probe = new Date(probe.getTime() + MINUTE_MS);
  return probe;
}

/** The hour "tomorrow" means for a snoozed reminder: a working morning, not 24 hours from a late-night tap. */
export const TOMORROW_MINUTES = 10 * 60;

/**
 * Tomorrow at TOMORROW_MINUTES local time in the owner's time zone, moved past the quiet hours when it falls
 * inside them. The local day is found by wall-clock minutes, then corrected once for a DST change overnight.
 */
export function tomorrowMorning(now: Date, timeZone: string, quiet: QuietHours | null): Date {
  const sameTimeTomorrow = new Date(now.getTime() + 24 * 60 * MINUTE_MS);
  const shift = (at: Date) => (TOMORROW_MINUTES - localParts(at, timeZone).minutes) * MINUTE_MS;
  let at = new Date(Math.floor((sameTimeTomorrow.getTime() + shift(sameTimeTomorrow)) / MINUTE_MS) * MINUTE_MS);
  at = new Date(at.getTime() + shift(at));
  return quietEnd(at, quiet, timeZone);
}

const RU_WEEKDAYS = ["в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"];
const EN_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * A moment said as a person says it: «сегодня в 15:00», «завтра в 10:00», «в пятницу, 12 июня, в 10:00»
 * ("today at 15:00", "tomorrow at 10:00", "on Friday, 12 June, at 10:00").
 */
export function formatMoment(at: Date, timeZone: string, locale: string, now = new Date()): string {
  const en = locale === "en";
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(at)
    .replace(/^24/, "00");
  const day = localDay(at, timeZone);
  if (day === localDay(now, timeZone)) return en ? `today at ${time}` : `сегодня в ${time}`;
  if (day === localDay(new Date(now.getTime() + 24 * 60 * MINUTE_MS), timeZone))
    return en ? `tomorrow at ${time}` : `завтра в ${time}`;
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const date = new Intl.DateTimeFormat(en ? "en-GB" : "ru-RU", { day: "numeric", month: "long", timeZone }).format(at);
  return en ? `on ${EN_WEEKDAYS[weekday]}, ${date}, at ${time}` : `${RU_WEEKDAYS[weekday]}, ${date}, в ${time}`;
}

/** node-cron day-of-week (0 = Sunday) and hour of a weekly digest. */
export interface DigestTime {
  day: number;
  hour: number;
}

export const digestCron = (time: DigestTime) => `0 ${time.hour} * * ${time.day}`;

/** Reads "M H * * D" back as a weekly time (the default IDEA_DIGEST_CRON is one); other expressions stay raw. */
export function weeklyTimeOf(expression: string): DigestTime | null {
  const match = expression.trim().match(/^0 (\d{1,2}) \* \* ([0-7])$/);
  return match ? { hour: Number(match[1]), day: Number(match[2]) % 7 } : null;
}

/** The latest weekly slot at or before `at` (local wall time in the zone). */
export function previousWeeklySlot(at: Date, time: DigestTime, timeZone: string): Date {
  // Quarter-hour steps: some zones are offset by 30 or 45 minutes.
  const step = 15 * MINUTE_MS;
  let probe = new Date(Math.floor(at.getTime() / step) * step);
  for (let i = 0; i < 8 * 24 * 4; i++) {
    const parts = localParts(probe, timeZone);
    if (parts.weekday === time.day && parts.minutes === time.hour * 60) return probe;
    probe = new Date(probe.getTime() - step);
  }
  return probe;
}
