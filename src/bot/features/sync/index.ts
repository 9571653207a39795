import { retryParkedSync } from "../../../usecases/sync.ts";
import { Composer, InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { fitLines } from "../../message-fit.ts";
import { syncErrorKind } from "../../../services/notion/notion-errors.ts";

export const syncFeature = new Composer<Context>();

const RETRY = Buttons.sync.pack({ action: "retry" });

async function showSyncStatus(ctx: Context): Promise<void> {
  if (!ctx.deps.config.notion) return showScreen(ctx, `${ctx.t("sync-title")}\n${ctx.t("sync-off")}`);
  const jobs = await ctx.deps.repos.syncJobs.unfinished();
  if (jobs.length === 0) return showScreen(ctx, `${ctx.t("sync-title")}\n${ctx.t("sync-empty")}`);
  const lines = jobs.map((job) =>
    ctx.t("sync-job", {
      project: job.projectName ? `«${escapeHtml(job.projectName)}»` : ctx.t("sync-deleted-project"),
      kind: ctx.t(`sync-kind-${job.kind}`),
      state: ctx.t(`sync-state-${job.state}`),
      attempts: job.attempts,
      // A summary in the owner's language; the technical line stays in the log and the export.
      error: job.lastError ? `\n   <i>${ctx.t(`sync-error-${syncErrorKind(job.lastError)}`)}</i>` : "",
    }),
  );
  const text = fitLines([ctx.t("sync-title"), ""], lines, (count) => ctx.t("common-list-more", { count }));
  await showScreen(ctx, text, new InlineKeyboard().text(ctx.t("sync-btn-retry-now"), RETRY));
}

syncFeature.command("sync", showSyncStatus);

syncFeature.callbackQuery(RETRY, async (ctx) => {
  const count = await retryParkedSync(ctx.deps.repos.syncJobs, Boolean(ctx.deps.config.notion));
  await ctx.answerCallbackQuery({ text: ctx.t("sync-retrying", { count }) });
  await showSyncStatus(ctx);
});
