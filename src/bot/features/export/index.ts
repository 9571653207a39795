import { Composer, InputFile } from "grammy";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { exportArchive } from "../../../db/data-archive.ts";
import { telegramFileSource } from "../../telegram-files.ts";

/** /export: the whole database as a dated ZIP document, readable back by `npm run import`. */
export const exportFeature = new Composer<Context>();

/** YYYY-MM-DD in the bot's time zone (the owner's calendar day, not UTC's). */
export function exportDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(now);
}

exportFeature.command("export", async (ctx) => {
  const progress = await ctx.reply(ctx.t("export-progress"));
  const edit = (text: string) =>
    ctx.api.editMessageText(progress.chat.id, progress.message_id, text, { parse_mode: "HTML" }).catch(() => undefined);
  try {
    const now = new Date();
    const download = telegramFileSource(ctx.api, ctx.deps.config);
    // The archive is one Telegram upload (50 MB at most): file copies stop well before that.
    const { zip, counts, copied } = await exportArchive(ctx.deps.db, now, { download, budgetBytes: 40 * 1024 * 1024 });
    const date = exportDate(now, await ownerTimeZone(ctx.deps));
    const file = `designflow-export-${date}.zip`;
    const caption = ctx.t("export-caption", {
      date,
      file,
      projects: counts.Project ?? 0,
      assets: counts.ProjectAsset ?? 0,
      templates: counts.PdfTemplate ?? 0,
      copied,
    });
    await ctx.replyWithDocument(new InputFile(zip, file), { caption, parse_mode: "HTML" });
    await edit(ctx.t("export-done"));
  } catch (error) {
    ctx.log.error({ err: error }, "export failed");
    await edit(ctx.t("export-failed", { error: escapeHtml((error as Error).message.split("\n")[0].slice(0, 200)) }));
  }
});
