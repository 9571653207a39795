import type { InlineKeyboard } from "grammy";
import { escapeHtml } from "../../html.ts";
import { digestKeyboard, reminderKeyboard } from "./keyboards.ts";
import type { Translate } from "../../i18n.ts";
import type { ProjectView } from "../../../domain/project.ts";

export interface OutgoingMessage {
  text: string;
  keyboard: InlineKeyboard;
}

export function projectReminderMessage(t: Translate, project: ProjectView): OutgoingMessage {
  return { text: t("reminder-project", { name: escapeHtml(project.name) }), keyboard: reminderKeyboard(t, project) };
}

/** The weekly digest: a nudge or a call to review, plus the ideas untouched the longest. */
export function digestMessage(
  t: Translate,
  digest: { recent: number; stale: { id: number; name: string }[] },
  slot: Date,
): OutgoingMessage {
  const lines = [
    digest.recent === 0 ? t("reminder-digest-nudge") : t("reminder-digest-review", { count: digest.recent }),
  ];
  if (digest.stale.length)
    lines.push("", t("reminder-digest-stale-head"), ...digest.stale.map((idea) => `• ${escapeHtml(idea.name)}`));
  return { text: lines.join("\n"), keyboard: digestKeyboard(t, digest.recent, digest.stale, slot) };
}
