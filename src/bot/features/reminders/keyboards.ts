import type { InlineKeyboardButton } from "grammy/types";
import { InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";

import type { Translate } from "../../i18n.ts";
import { NAV, projectData } from "../../navigation.ts";
import type { ProjectView } from "../../../domain/project.ts";

export const SNOOZE = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
export type SnoozeCode = keyof typeof SNOOZE;

/**
 * Reminder buttons: s = snooze (h|d|w), p = pause, u = undo pause (days); ia/is = idea archive/snooze; dt = the
 * digest of slot `n` (seconds) again a day later, at the same hour.
 */
const reminderData = (action: ButtonOf<typeof Buttons.reminder>["action"], n: number, arg?: string | number) =>
  Buttons.reminder.pack({ action, n, arg: arg === undefined ? undefined : String(arg) });

/** Only what a reminder needs: the card, complete, snooze (an hour, tomorrow, a week), pause; two to a row. */
export function reminderKeyboard(t: Translate, project: ProjectView): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reminder-btn-card"), projectData(project.id, "open"))
    .text(t("project-btn-complete"), projectData(project.id, "complete"))
    .row()
    .text(t("reminder-btn-snooze-hour"), reminderData("snooze", project.id, "h"))
    .text(t("reminder-btn-snooze-tomorrow"), reminderData("snooze", project.id, "d"))
    .row()
    .text(t("reminder-btn-snooze-week"), reminderData("snooze", project.id, "w"))
    .text(t("reminder-btn-pause-reminders"), reminderData("pause", project.id));
}

/** A deadline reminder: done (or, for an idea, start it), a new date, quiet for three days, the card. */
export function deadlineReminderKeyboard(t: Translate, project: ProjectView): InlineKeyboard {
  const id = project.id;
  const keyboard = new InlineKeyboard();
  if (project.status === "active") keyboard.text(t("project-btn-complete"), projectData(id, "complete"));
  else keyboard.text(t("project-btn-activate"), projectData(id, "activate"));
  return keyboard
    .text(t("reminder-btn-deadline-new"), projectData(id, "deadline"))
    .row()
    .text(t("reminder-btn-deadline-snooze"), reminderData("snoozeDeadline", id))
    .text(t("reminder-btn-card"), projectData(id, "open"));
}

export function resumeKeyboard(t: Translate, project: ProjectView, days: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reminder-btn-resume-reminders"), reminderData("resume", project.id, days))
    .row()
    .text(t("project-btn-open-card"), projectData(project.id, "open"));
}

export const openCardKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard().text(t("project-btn-open-card"), projectData(id, "open"));

/** Whether a tapped message is a digest (its "remind me tomorrow" button is still there). */
export const isDigest = (markup: { inline_keyboard: InlineKeyboardButton[][] } | undefined) =>
  (markup?.inline_keyboard ?? [])
    .flat()
    .some(
      (button) => "callback_data" in button && Buttons.reminder.unpack(button.callback_data)?.action === "digestAgain",
    );

/** The digest's keyboard without one idea's rows (its activate, archive and snooze buttons). */
export function withoutIdea(markup: { inline_keyboard: InlineKeyboardButton[][] }, id: number): InlineKeyboard {
  const mine = new Set([projectData(id, "activate"), reminderData("archiveIdea", id), reminderData("snoozeIdea", id)]);
  const rows = markup.inline_keyboard
    .map((row) => row.filter((button) => !("callback_data" in button) || !mine.has(button.callback_data)))
    .filter((row) => row.length > 0);
  return new InlineKeyboard(rows);
}

export function digestKeyboard(
  t: Translate,
  recent: number,
  stale: { id: number; name: string }[],
  slot: Date,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  keyboard
    .text(
      recent === 0 ? t("reminder-btn-digest-add") : t("reminder-btn-digest-review"),
      recent === 0 ? NAV.newIdea : NAV.ideas,
    )
    .row();
  for (const idea of stale) {
    // Button labels are plain text (no HTML), so the name goes in as is.
    keyboard
      .text(t("reminder-btn-idea-activate", { name: truncate(idea.name, 24) }), projectData(idea.id, "activate"))
      .row();
    keyboard
      .text(t("reminder-btn-idea-archive"), reminderData("archiveIdea", idea.id))
      .text(t("reminder-btn-idea-snooze"), reminderData("snoozeIdea", idea.id))
      .row();
  }
  return keyboard.text(
    t("reminder-btn-digest-tomorrow"),
    reminderData("digestAgain", Math.floor(slot.getTime() / 1000)),
  );
}
