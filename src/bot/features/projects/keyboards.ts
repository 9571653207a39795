import { InlineKeyboard } from "grammy";
import { NAV, listData, projectData } from "../../navigation.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import type { Translate } from "../../i18n.ts";
import { REMINDER_INTERVALS, type ProjectStatus, type ProjectView } from "../../../domain/project.ts";
import type { DeadlinePick } from "../../../domain/deadline.ts";
import { Buttons } from "../../buttons.ts";
import { FLOW_CANCEL } from "../../flow/ask.ts";

export function listKeyboard(
  t: Translate,
  status: ProjectStatus,
  items: ProjectView[],
  page: number,
  pages: number,
  marker: (project: ProjectView) => string = () => "",
) {
  const keyboard = new InlineKeyboard();
  // A card opened from a later page remembers it, so "Back to the list" returns there.
  for (const project of items)
    keyboard
      .text(marker(project) + truncate(project.name, 60), projectData(project.id, "open", page > 0 ? page : undefined))
      .row();
  if (pages > 1) {
    if (page > 0) keyboard.text(t("project-btn-prev"), listData(status, page - 1));
    keyboard.text(`${page + 1}/${pages}`, listData(status, page));
    if (page < pages - 1) keyboard.text(t("project-btn-next"), listData(status, page + 1));
    keyboard.row();
  }
  if (items.length === 0) keyboard.text(t("menu-btn-new-idea"), NAV.newIdea).row();
  return keyboard.text(t("common-btn-back"), NAV.projects);
}

/** `action` is "activate" (idea → active) or "setint" (change an active project's interval). */
export function intervalKeyboard(t: Translate, project: ProjectView, action: "activate" | "setint") {
  const keyboard = new InlineKeyboard();
  for (const days of REMINDER_INTERVALS)
    keyboard.text(t(`project-btn-interval-${days}`), projectData(project.id, action, days)).row();
  keyboard.text(t("project-btn-interval-none"), projectData(project.id, action, "none")).row();
  return keyboard.text(t("common-btn-back"), projectData(project.id, "open"));
}

export const confirmDeleteKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("project-btn-confirm-delete"), projectData(id, "confirmdelete"))
    .text(t("project-btn-keep"), projectData(id, "open"));

export const editKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("project-btn-edit-name"), projectData(id, "rename"))
    .text(t("project-btn-edit-description"), projectData(id, "describe"))
    .row()
    .text(t("project-btn-edit-deadline"), projectData(id, "deadline"))
    .row()
    .text(t("common-btn-back"), projectData(id, "open"));

/** The deadline step's quick picks ("No deadline" only when there is one to remove), then Cancel. */
export function deadlineKeyboard(t: Translate, hasDeadline: boolean) {
  const pick = (value: DeadlinePick | "none") => Buttons.deadline.pack({ pick: value });
  const keyboard = new InlineKeyboard()
    .text(t("project-btn-deadline-week"), pick("week"))
    .text(t("project-btn-deadline-two-weeks"), pick("twoWeeks"))
    .row()
    .text(t("project-btn-deadline-month"), pick("month"));
  if (hasDeadline) keyboard.text(t("project-btn-deadline-none"), pick("none"));
  return keyboard.row().text(t("common-btn-cancel"), FLOW_CANCEL);
}

/** A quick pick's code in a project button's argument (the same as the deadline step's). */
export const PICK_CODES: Record<DeadlinePick, string> = { week: "1w", twoWeeks: "2w", month: "1m" };

/** Offered right after activation: the quick picks as the card's own buttons (no flow waits), another date, none. */
export const deadlineOfferKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("project-btn-deadline-week"), projectData(id, "setdue", PICK_CODES.week))
    .text(t("project-btn-deadline-two-weeks"), projectData(id, "setdue", PICK_CODES.twoWeeks))
    .row()
    .text(t("project-btn-deadline-month"), projectData(id, "setdue", PICK_CODES.month))
    .text(t("project-btn-deadline-other"), projectData(id, "deadline"))
    .row()
    .text(t("project-btn-deadline-none"), projectData(id, "setdue", "none"));
