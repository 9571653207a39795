import { InlineKeyboard } from "grammy";
import type { Translate } from "../i18n.ts";
import { Buttons } from "../buttons.ts";
import { listData, projectData } from "../navigation.ts";
import type { ProjectView } from "../../domain/project.ts";

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
  if (readMore) keyboard.text(t("project-btn-read-more"), projectData(id, "full")).row();
  if (project.status === "idea") {
    keyboard.text(t("project-btn-activate"), projectData(id, "activate")).row();
    keyboard
      .text(t("project-btn-edit"), projectData(id, "edit"))
      .text(t("project-btn-delete"), projectData(id, "delete"))
      .row();
  } else if (project.status === "active") {
    keyboard
      .text(t("project-btn-complete"), projectData(id, "complete"))
      .text(t("project-btn-cancel-project"), projectData(id, "drop"))
      .row();
    keyboard
      .text(t("project-btn-edit"), projectData(id, "edit"))
      .text(t("project-btn-interval"), projectData(id, "interval"))
      .row();
    const deadlineLabel = project.deadline ? "project-btn-deadline-change" : "project-btn-deadline-set";
    keyboard.text(t(deadlineLabel), projectData(id, "deadline")).row();
  } else {
    keyboard
      .text(t("project-btn-restore-idea"), projectData(id, "restore", "idea"))
      .text(t("project-btn-restore-active"), projectData(id, "restore", "active"))
      .row();
    keyboard.text(t("gen-btn-card"), Buttons.generator.pack({ step: "fromCard", arg: String(id) })).row();
    keyboard.text(t("project-btn-delete"), projectData(id, "delete")).row();
  }
  keyboard
    .text(t("ai-btn-moodboards"), Buttons.ai.pack({ projectId: id, action: "moodboards" }))
    .text(t("ai-btn-texts"), Buttons.ai.pack({ projectId: id, action: "texts" }))
    .row();
  if (project.attachments)
    keyboard.text(t("project-btn-attachments", { count: project.attachments }), projectData(id, "files")).row();
  if (notionUrl) keyboard.url(t("project-btn-open-notion"), notionUrl).row();
  return keyboard.text(t("project-btn-back-to-list"), listData(project.status, listPage));
}
