import type { BotDeps } from "./deps.ts";

/** The zone chosen in /settings (BOT_TIMEZONE until one is chosen): every date shown to the owner is in it. */
export async function ownerTimeZone(deps: BotDeps): Promise<string> {
  return (await deps.repos.reminders.settings()).timeZone;
}

/** A day as printed on cards and PDFs (dd.mm.yyyy, the seed's format) in the given zone. */
export function dayIn(timeZone: string, instant: number | string | Date): string {
  return new Intl.DateTimeFormat("ru-RU", { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).format(new Date(instant));
}

/** The same day in the owner's zone. */
export async function ownerDay(deps: BotDeps, instant: number | string | Date): Promise<string> {
  return dayIn(await ownerTimeZone(deps), instant);
}
