/** A deadline as the owner reads it, wherever it is shown: the card, the lists, the "⏳ Deadlines" screen. */
import type { Translate } from "./i18n.ts";
import { daysLeft, localDay, type Deadline } from "../domain/deadline.ts";

/** "15 марта", "15 марта 2027", "15 марта, 18:00" ("15 March" in English): the year only when it is not this one. */
export function deadlineDay(deadline: Deadline, locale: string, now: Date, timeZone: string): string {
  const thisYear = localDay(now, timeZone).slice(0, 4) === deadline.date.slice(0, 4);
  const day = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    day: "numeric",
    month: "long",
    ...(thisYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  })
    .format(new Date(`${deadline.date}T00:00:00Z`))
    .replace(/\s*г\.$/, "");
  return deadline.time ? `${day}, ${deadline.time}` : day;
}

/** "через 9 дней", "завтра", "сегодня", "просрочен на 2 дня". */
export function deadlineLeft(t: Translate, deadline: Deadline, now: Date, timeZone: string): string {
  const days = daysLeft(deadline, now, timeZone);
  return days < 0 ? t("project-deadline-overdue", { days: -days }) : t("project-deadline-in", { days });
}

/** "15 марта, через 9 дней": the day and how far it is, as lists, the ⏳ screen and the digest say it. */
export function deadlineWhen(t: Translate, locale: string, deadline: Deadline, now: Date, timeZone: string): string {
  return `${deadlineDay(deadline, locale, now, timeZone)}, ${deadlineLeft(t, deadline, now, timeZone)}`;
}

/** The card's line: "⏳ Срок: 15 марта, через 9 дней". */
export function deadlineLine(t: Translate, locale: string, deadline: Deadline, now: Date, timeZone: string): string {
  return t("project-card-deadline", {
    date: deadlineDay(deadline, locale, now, timeZone),
    left: deadlineLeft(t, deadline, now, timeZone),
  });
}

/** "17.12.2026" or "17.12.2026 18:00": the day as cards and PDFs print days. */
export function numericDeadline({ date, time }: Deadline): string {
  const day = `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
  return time ? `${day} ${time}` : day;
}

/** A list's marker before the name: 🔴 overdue, 🟠 within three days, 🟡 within a week. */
export function deadlineMarker(deadline: Deadline | null, now: Date, timeZone: string): string {
  if (!deadline) return "";
  const days = daysLeft(deadline, now, timeZone);
  return days < 0 ? "🔴 " : days <= 3 ? "🟠 " : days <= 7 ? "🟡 " : "";
}
