import type { BotDeps } from "./deps.ts";
import type { CardDates } from "../services/pdf/sample-data.ts";

/** The zone chosen in /settings (BOT_TIMEZONE until one is chosen): every date shown to the owner is in it. */
export async function ownerTimeZone(deps: BotDeps): Promise<string> {
  return (await deps.repos.reminders.settings()).timeZone;
}

/** A day as printed on cards and PDFs (dd.mm.yyyy, the seed's format) in the given zone. */
export function dayIn(timeZone: string, instant: number | string | Date): string {
  return new Intl.DateTimeFormat("ru-RU", { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).format(
    new Date(instant),
  );
}

/** The original bot's date (`strftime("%B %d, %Y")`): "December 02, 2026", for old templates' current_date_en. */
export function englishDayIn(timeZone: string, instant: number | string | Date): string {
  return new Intl.DateTimeFormat("en-US", { month: "long", day: "2-digit", year: "numeric", timeZone }).format(
    new Date(instant),
  );
}

/** Today as cards print it: `current_date` in the owner's format, `current_date_en` in the original's. */
export async function ownerCardDates(deps: BotDeps, instant: number | string | Date): Promise<CardDates> {
  return cardDatesIn(await ownerTimeZone(deps), instant);
}

export const cardDatesIn = (timeZone: string, instant: number | string | Date): CardDates => ({
  current_date: dayIn(timeZone, instant),
  current_date_en: englishDayIn(timeZone, instant),
});
