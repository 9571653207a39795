import { invalid, type Json } from "./fake-notion-shapes.ts";

/**
 * A Date property as Notion takes and gives it. Taken: `{ date: { start, end?, time_zone? } }` or `{ date: null }`;
 * with `time_zone` (an IANA zone), start must be a date and time without a UTC offset. Given back: `time_zone` null
 * and the moment with its UTC offset (Notion's changelog "Time zone support"); a day stays a day.
 */
export interface FakeDate {
  start: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const realDay = (text: string) => {
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text.slice(0, 10);
};

function offsetIn(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** "2026-12-17T18:00" in `zone` as Notion shows it: "2026-12-17T18:00:00.000+10:00". */
function withOffset(wall: string, zone: string): string {
  const asUtc = Date.parse(`${wall.slice(0, 16)}:00Z`);
  const offset = offsetIn(zone, new Date(asUtc - offsetIn(zone, new Date(asUtc)) * 60_000));
  const sign = offset < 0 ? "-" : "+";
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const mm = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${wall.slice(0, 16)}:00.000${sign}${hh}:${mm}`;
}

const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The value a page update sets, or Notion's refusal. */
export function readDateValue(name: string, value: Json): FakeDate | null {
  if (!value || typeof value !== "object" || !("date" in value)) throw invalid(`${name} is expected to be date.`);
  if (value.date === null) return null;
  const { start, time_zone: zone } = value.date as { start?: unknown; time_zone?: unknown };
  const path = `body.properties.${name}.date`;
  if (
    typeof start !== "string" ||
    !(DAY.test(start) || MOMENT.test(start) || WITH_OFFSET.test(start)) ||
    !realDay(start)
  )
    throw invalid(
      `body failed validation: ${path}.start should be a valid ISO 8601 date string, instead was \`${JSON.stringify(start)}\`.`,
    );
  if (zone === undefined || zone === null) return { start };
  if (typeof zone !== "string" || !knownZone(zone))
    throw invalid(
      `body failed validation: ${path}.time_zone should be a valid time zone, instead was \`${JSON.stringify(zone)}\`.`,
    );
  if (!MOMENT.test(start))
    throw invalid(
      `${name} has an invalid date. If time zone is explicitly provided, start and end must contain date and time ` +
        "and cannot contain UTC offsets",
    );
  return { start: withOffset(start, zone) };
}

export const dateJson = (date: FakeDate | null): Json => ({
  id: "dl",
  type: "date",
  date: date ? { start: date.start, end: null, time_zone: null } : null,
});
