/**
 * An Etc/GMT zone where it is now about 14:00: past the deadline countdown's morning (10:00) and outside any quiet
 * hours, so a reminder check speaks at once whatever the hour of the run.
 */
export function afternoonZone(now = new Date()): string {
  let offset = 14 - now.getUTCHours();
  if (offset > 12) offset -= 24;
  if (offset < -12) offset += 24;
  // Etc/GMT signs are the other way round: Etc/GMT-3 is UTC+3.
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/** A day in `zone`, `offset` days from today, as YYYY-MM-DD (Intl's en-CA writes that shape). */
export const dayIn = (zone: string, offset: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(Date.now() + offset * 86_400_000));
