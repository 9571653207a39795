import type { BotDeps } from "./deps.ts";

/** The zone chosen in /settings (BOT_TIMEZONE until one is chosen): every date shown to the owner is in it. */
export async function ownerTimeZone(deps: BotDeps): Promise<string> {
  return (await deps.repos.reminders.settings()).timeZone;
}
