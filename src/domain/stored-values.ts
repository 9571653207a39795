/**
 * Reading back what was stored as text (a setting, a restored archive's row): every reader returns the value, or
 * undefined when the text is not one the bot could have written. Nothing stored may stop the bot: the caller uses
 * its default for an undefined and says so once.
 */
import { validTimeZone, type DigestTime, type QuietHours } from "./reminder-time.ts";

const MINUTES_PER_DAY = 24 * 60;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isIntIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** `{"start":1320,"end":480}`: minutes after midnight, different. */
export function readQuietHours(text: string): QuietHours | undefined {
  const value = json(text) as Partial<QuietHours> | undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const { start, end } = value;
  if (!isIntIn(start, 0, MINUTES_PER_DAY - 1) || !isIntIn(end, 0, MINUTES_PER_DAY - 1) || start === end)
    return undefined;
  return { start, end };
}

/** `{"day":1,"hour":10}`: a weekday (0 = Sunday, as cron counts) and an hour. */
export function readDigestTime(text: string): DigestTime | undefined {
  const value = json(text) as Partial<DigestTime> | undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const { day, hour } = value;
  return isIntIn(day, 0, 6) && isIntIn(hour, 0, 23) ? { day, hour } : undefined;
}

/** An IANA zone Intl knows, as Intl spells it. */
export const readTimeZone = (text: string): string | undefined => validTimeZone(text) ?? undefined;

/** An ISO moment (what `toISOString` wrote). */
export function readInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** A JSON object (a row's payload, meta or draft data). */
export function readJsonObject(text: string): Record<string, unknown> | undefined {
  const value = json(text);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
