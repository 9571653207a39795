import { InputFile } from "grammy";
import type { Job } from "../../job.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { telegramFileSource } from "../../telegram-files.ts";
import { exportArchive } from "../../../db/data-archive.ts";
import type { BackgroundJobRow } from "../../../db/background-job-repository.ts";
import type { ExportInput } from "./index.ts";

/** YYYY-MM-DD in the bot's time zone (the owner's calendar day, not UTC's). */
export function exportDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(now);
}

/** Builds the archive (every Telegram file it can copy) and sends it; the progress message says how it ended. */
export async function exportJob(job: Job, row: BackgroundJobRow<ExportInput>): Promise<{ ok: boolean }> {
  const { api, chatId, t, deps } = job;
  const edit = (text: string) =>
    api.editMessageText(chatId, row.input.progressMessageId, text, { parse_mode: "HTML" }).catch(() => undefined);
  try {
    const now = new Date(row.input.now);
    const download = telegramFileSource(api, deps.config);
    // The archive is one Telegram upload (50 MB at most): file copies stop well before that.
    const { zip, counts, copied } = await exportArchive(deps.db, now, { download, budgetBytes: 40 * 1024 * 1024 });
    const date = exportDate(now, await ownerTimeZone(deps));
    const file = `designflow-export-${date}.zip`;
    const caption = t("export-caption", {
      date,
      file,
      projects: counts.Project ?? 0,
      assets: counts.ProjectAsset ?? 0,
      templates: counts.PdfTemplate ?? 0,
      copied,
    });
    await api.sendDocument(chatId, new InputFile(zip, file), { caption, parse_mode: "HTML" });
    await edit(t("export-done"));
    return { ok: true };
  } catch (error) {
    // The reason goes to the log; the owner reads what happened and what to do, not a library's message.
    job.log.error({ err: error }, "export failed");
    await edit(t("export-failed"));
    return { ok: false };
  }
}
