import { Composer } from "grammy";
import type { Context } from "../../context.ts";

/** /export: the whole database as a dated ZIP document, readable back by `npm run import`. */
export const exportFeature = new Composer<Context>();

export const EXPORT_JOB = "export";

/** What the export job needs: the progress message it edits when the archive has gone out. */
export interface ExportInput {
  progressMessageId: number;
  /** When the owner asked (epoch ms): the archive's date. */
  now: number;
}

// Several downloads and a ZIP: a job (export-job.ts). The command says "building…" and returns at once.
exportFeature.command("export", async (ctx) => {
  const progress = await ctx.reply(ctx.t("export-progress"));
  const input: ExportInput = { progressMessageId: progress.message_id, now: Date.now() };
  await ctx.deps.services.jobs.enqueue(EXPORT_JOB, progress.chat.id, input, `export:${ctx.update.update_id}`);
});
