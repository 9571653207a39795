/**
 * Every deadline as an iCalendar file (RFC 5545) that Google Calendar and Apple Calendar import: an event on the day
 * (all day, or at its time), with an alarm the day before. Each project keeps one UID, so importing a newer file
 * moves the event instead of adding a second one.
 */
import ical, { ICalAlarmType } from "ical-generator";
import { deadlineEnd, type Deadline } from "../domain/deadline.ts";

export interface CalendarDeadline {
  id: number;
  name: string;
  deadline: Deadline;
}

/** The owner's words for the file (the bot translates them). */
export interface CalendarWords {
  calendarName: string;
  summary: (name: string) => string;
  alarm: (name: string) => string;
}

const TIMED_EVENT_MS = 30 * 60_000;
/** An all-day event starts at midnight: its alarm goes off at 10:00 the day before, 14 hours earlier. */
const ALL_DAY_ALARM_SECONDS = 14 * 3600;
const TIMED_ALARM_SECONDS = 24 * 3600;

export function deadlineCalendar(items: CalendarDeadline[], words: CalendarWords, timeZone: string): string {
  const calendar = ical({ name: words.calendarName, prodId: { company: "designflow", product: "assistant" } });
  for (const { id, name, deadline } of items) {
    const timed = deadline.time !== undefined;
    const start = timed ? deadlineEnd(deadline, timeZone) : new Date(`${deadline.date}T00:00:00Z`);
    const event = calendar.createEvent({
      id: `project-${id}-deadline@designflow`,
      summary: words.summary(name),
      start,
      ...(timed ? { end: new Date(start.getTime() + TIMED_EVENT_MS) } : { allDay: true }),
    });
    event.createAlarm({
      type: ICalAlarmType.display,
      trigger: timed ? TIMED_ALARM_SECONDS : ALL_DAY_ALARM_SECONDS,
      description: words.alarm(name),
    });
  }
  return calendar.toString();
}
