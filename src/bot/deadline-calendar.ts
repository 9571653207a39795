/** The deadlines as an .ics file in the owner's words: sent by /calendar and put into every /export archive. */
import type { BotDeps } from "./deps.ts";
import type { Translate } from "./i18n.ts";
import { ownerTimeZone } from "./owner-time-zone.ts";
import { deadlineCalendar } from "../usecases/calendar.ts";

export const CALENDAR_FILE = "designflow-deadlines.ics";

export async function deadlineCalendarFile(deps: BotDeps, t: Translate): Promise<{ bytes: Uint8Array; count: number }> {
  const projects = await deps.repos.projects.withDeadlines();
  const items = projects.flatMap((p) => (p.deadline ? [{ id: p.id, name: p.name, deadline: p.deadline }] : []));
  const text = deadlineCalendar(
    items,
    {
      calendarName: t("project-calendar-name"),
      summary: (name) => t("project-calendar-event", { name }),
      alarm: (name) => t("project-calendar-alarm", { name }),
    },
    await ownerTimeZone(deps),
  );
  return { bytes: new TextEncoder().encode(text), count: items.length };
}
