import { InlineKeyboard } from "grammy";
import { REMINDER_INTERVALS, type ProjectStatus, type ProjectView } from "../../../db/project-repository.ts";
import { NAV } from "../menu/keyboards.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import type { Translate } from "../../i18n.ts";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";

export type ProjectAction = ButtonOf<typeof Buttons.project>["action"];

/** A project button; `arg` is a list page, an interval in days (or `none`) or a restore target. */
export const projectData = (id: number, action: ProjectAction, arg?: string | number) =>
  Buttons.project.pack({ id, action, arg: arg === undefined ? undefined : String(arg) });
export const listData = (status: ProjectStatus, page: number) => Buttons.list.pack({ status, page });

export function listKeyboard(t: Translate, status: ProjectStatus, items: ProjectView[], page: number, pages: number) {
  const keyboard = new InlineKeyboard();
  // A card opened from a later page remembers it, so "Back to the list" returns there.
  for (const project of items)
    keyboard.text(truncate(project.name, 60), projectData(project.id, "open", page > 0 ? page : undefined)).row();
  if (pages > 1) {
    if (page > 0) keyboard.text(t("btn-prev"), listData(status, page - 1));
    keyboard.text(`${page + 1}/${pages}`, listData(status, page));
    if (page < pages - 1) keyboard.text(t("btn-next"), listData(status, page + 1));
    keyboard.row();
  }
  if (items.length === 0) keyboard.text(t("btn-new-idea"), NAV.newIdea).row();
  return keyboard.text(t("btn-back"), NAV.projects);
}

/** `readMore`: the card shows only the start of a long description (a photo caption) and offers the rest. */
export function cardKeyboard(
  t: Translate,
  project: ProjectView,
  notionUrl: string | null,
  readMore = false,
  listPage = 0,
) {
  const keyboard = new InlineKeyboard();
  const id = project.id;
  if (readMore) keyboard.text(t("btn-read-more"), projectData(id, "full")).row();
  if (project.status === "idea") {
    keyboard.text(t("btn-activate"), projectData(id, "activate")).row();
    keyboard.text(t("btn-edit"), projectData(id, "edit")).text(t("btn-delete"), projectData(id, "delete")).row();
  } else if (project.status === "active") {
    keyboard
      .text(t("btn-complete"), projectData(id, "complete"))
      .text(t("btn-cancel-project"), projectData(id, "drop"))
      .row();
    keyboard.text(t("btn-edit"), projectData(id, "edit")).text(t("btn-interval"), projectData(id, "interval")).row();
  } else {
    keyboard
      .text(t("btn-restore-idea"), projectData(id, "restore", "idea"))
      .text(t("btn-restore-active"), projectData(id, "restore", "active"))
      .row();
    keyboard.text(t("gen-btn-card"), Buttons.generator.pack({ step: "card", arg: String(id) })).row();
    keyboard.text(t("btn-delete"), projectData(id, "delete")).row();
  }
  keyboard
    .text(t("btn-moodboards"), Buttons.ai.pack({ projectId: id, action: "mbl" }))
    .text(t("btn-texts"), Buttons.ai.pack({ projectId: id, action: "tx" }))
    .row();
  if (project.attachments)
    keyboard.text(t("btn-attachments", { count: project.attachments }), projectData(id, "files")).row();
  if (notionUrl) keyboard.url(t("btn-open-notion"), notionUrl).row();
  return keyboard.text(t("btn-back-to-list"), listData(project.status, listPage));
}

/** `action` is "activate" (idea → active) or "setint" (change an active project's interval). */
export function intervalKeyboard(t: Translate, project: ProjectView, action: "activate" | "setint") {
  const keyboard = new InlineKeyboard();
  for (const days of REMINDER_INTERVALS)
    keyboard.text(t(`btn-interval-${days}`), projectData(project.id, action, days)).row();
  keyboard.text(t("btn-interval-none"), projectData(project.id, action, "none")).row();
  return keyboard.text(t("btn-back"), projectData(project.id, "open"));
}

export const confirmDeleteKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("btn-confirm-delete"), projectData(id, "confirmdelete"))
    .text(t("btn-keep"), projectData(id, "open"));

export const editKeyboard = (t: Translate, id: number) =>
  new InlineKeyboard()
    .text(t("btn-edit-name"), projectData(id, "rename"))
    .text(t("btn-edit-description"), projectData(id, "describe"))
    .row()
    .text(t("btn-back"), projectData(id, "open"));
