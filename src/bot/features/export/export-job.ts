import { InputFile } from "grammy";
import type { Job } from "../../job.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { telegramFileSource } from "../../telegram-files.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import { exportAll } from "../../../usecases/export.ts";
import { CALENDAR_FILE, deadlineCalendarFile } from "../../deadline-calendar.ts";
import type { ExportInput } from "./index.ts";

/** Builds the archive (every Telegram file it can copy) and sends it; the progress message says how it ended. */
export async function exportJob(job: Job, row: BackgroundJobRow<ExportInput>): Promise<{ ok: boolean }> {
  const { api, chatId, t, deps } = job;
  const edit = (text: string) => api.editMessageText(chatId, row.input.progressMessageId, text).catch(() => undefined);
  try {
    const download = telegramFileSource(api, deps.config);
    const calendar = await deadlineCalendarFile(deps, t);
    const extras: Record<string, Uint8Array> = calendar.count ? { [CALENDAR_FILE]: calendar.bytes } : {};
    const archive = await exportAll(deps.db, new Date(row.input.now), await ownerTimeZone(deps), download, extras);
    const { counts } = archive;
    const caption = t("export-caption", {
      date: archive.date,
      file: archive.fileName,
      projects: counts.Project ?? 0,
      assets: counts.ProjectAsset ?? 0,
      templates: counts.PdfTemplate ?? 0,
      copied: archive.copied,
    });
    await api.sendDocument(chatId, new InputFile(archive.zip, archive.fileName), { caption });
    await edit(t("export-done"));
    return { ok: true };
  } catch (error) {
    // The reason goes to the log; the owner reads what happened and what to do, not a library's message.
    job.log.error({ err: error }, "export failed");
    await edit(t("export-failed"));
    return { ok: false };
  }
}
