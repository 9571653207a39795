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
    keyboard.text(t("gen-btn-card"), Buttons.generator.pack({ step: "fromCard", arg: String(id) })).row();
    keyboard.text(t("btn-delete"), projectData(id, "delete")).row();
  }
  keyboard
    .text(t("btn-moodboards"), Buttons.ai.pack({ projectId: id, action: "moodboards" }))
    .text(t("btn-texts"), Buttons.ai.pack({ projectId: id, action: "texts" }))
    .row();
  if (project.attachments)
    keyboard.text(t("btn-attachments", { count: project.attachments }), projectData(id, "files")).row();
  if (notionUrl) keyboard.url(t("btn-open-notion"), notionUrl).row();
  return keyboard.text(t("btn-back-to-list"), listData(project.status, listPage));
}
