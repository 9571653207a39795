import type { InlineKeyboard } from "grammy";
import { escapeHtml } from "../../html.ts";
import { deadlineReminderKeyboard, digestKeyboard, reminderKeyboard } from "./keyboards.ts";
import { deadlineDay, deadlineWhen } from "../../deadline-words.ts";
import type { Deadline } from "../../../domain/deadline.ts";
import type { IdeaDigest } from "../../../db/reminder-repository.ts";
import type { Translate } from "../../i18n.ts";
import type { ProjectView } from "../../../domain/project.ts";

export interface OutgoingMessage {
  text: string;
  keyboard: InlineKeyboard;
}

export function projectReminderMessage(t: Translate, project: ProjectView): OutgoingMessage {
  return { text: t("reminder-project", { name: escapeHtml(project.name) }), keyboard: reminderKeyboard(t, project) };
}

/** A word of the deadline's countdown: 7, 3, 1 days before, on the day, then every day it is overdue. */
export function deadlineReminderMessage(
  reader: { t: Translate; locale: string; timeZone: string },
  project: ProjectView,
  countdown: { daysLeft: number },
  now = new Date(),
): OutgoingMessage {
  const { t, locale, timeZone } = reader;
  const keyboard = deadlineReminderKeyboard(t, project);
  const name = escapeHtml(project.name);
  const date = project.deadline ? deadlineDay(project.deadline, locale, now, timeZone) : "";
  const days = countdown.daysLeft;
  if (days < 0) return { text: t("reminder-deadline-overdue", { name, date, days: -days }), keyboard };
  if (days === 0) return { text: t("reminder-deadline-today", { name, date }), keyboard };
  return { text: t("reminder-deadline-soon", { name, date, days }), keyboard };
}

/** The weekly digest: a nudge or a call to review, plus the ideas untouched the longest. */
export function digestMessage(
  t: Translate,
  digest: IdeaDigest,
  slot: Date,
  locale = "ru",
  now = new Date(),
): OutgoingMessage {
  const lines = [
    digest.recent === 0 ? t("reminder-digest-nudge") : t("reminder-digest-review", { count: digest.recent }),
  ];
  if (digest.stale.length)
    lines.push("", t("reminder-digest-stale-head"), ...digest.stale.map((idea) => `• ${escapeHtml(idea.name)}`));
  const zone = digest.timeZone ?? "UTC";
  const when = (deadline: Deadline) => deadlineWhen(t, locale, deadline, now, zone);
  if (digest.deadlines?.length)
    lines.push(
      "",
      t("reminder-digest-deadlines-head"),
      ...digest.deadlines.map(({ name, deadline }) => `• ${escapeHtml(name)} — ${when(deadline)}`),
    );
  return { text: lines.join("\n"), keyboard: digestKeyboard(t, digest.recent, digest.stale, slot) };
}
