import { escapeHtml } from "../../html.ts";
import type { Job } from "../../job.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import { offersMessage } from "./messages.ts";

export const NOTION_IMPORT_JOB = "notion-import";

export interface NotionImportInput {
  offerId: number;
  /** The offers message the tap was on: redrawn with the outcome. */
  messageId: number;
}

/** The busy key of an import running now: a second tap meanwhile is answered "importing…", not run twice. */
export const importBusyKey = (offerId: number) => `npimport:${offerId}`;

/**
 * Imports a page made by hand in Notion (reads it, moves it to the idea column: Notion requests, seconds), then
 * redraws the offers message with what happened.
 */
export async function importNotionPageJob(job: Job, row: BackgroundJobRow<NotionImportInput>): Promise<void> {
  const { api, chatId, t, deps } = job;
  const { offerId, messageId } = row.input;
  try {
    const offer = await deps.repos.notionPages.offer(offerId);
    const title = offer?.title.trim() || t("np-untitled");
    const result = await deps.services.importNotionPage(offerId, t("np-untitled"));
    let notice: string;
    let openProjectId: number | undefined;
    if (result.ok) {
      const project = await deps.repos.projects.get(result.projectId);
      notice = t("np-imported", { name: escapeHtml(project?.name ?? title) });
      openProjectId = result.projectId;
    } else if (result.reason === "notion") {
      notice = t("np-notion-error", { detail: escapeHtml(result.detail) });
    } else {
      notice = t(`np-${result.reason}`);
      openProjectId = result.projectId;
    }
    const { text, keyboard } = offersMessage(t, await deps.repos.notionPages.offered(), notice, openProjectId);
    await api.editMessageText(chatId, messageId, text, { reply_markup: keyboard });
  } finally {
    deps.workspace.busy.release(importBusyKey(offerId));
  }
}
