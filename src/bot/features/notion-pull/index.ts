import { Composer } from "grammy";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { offersMessage } from "./messages.ts";
import { NOTION_IMPORT_JOB, type NotionImportInput, importBusyKey } from "./import-job.ts";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";

/** Buttons of the "new pages in Notion" message: import a page as an idea, or ignore it for good. */
export const notionPullFeature = new Composer<Context>();

onButton(notionPullFeature, Buttons.notionOffer, async (ctx, { action, offerId }) => {
  const { notionPages } = ctx.deps.repos;
  const offer = await notionPages.offer(offerId);
  const title = offer?.title.trim() || ctx.t("np-untitled");
  const rerender = async (notice: string, openProjectId?: number) => {
    const { text, keyboard } = offersMessage(ctx.t, await notionPages.offered(), notice, openProjectId);
    await showScreen(ctx, text, keyboard);
  };

  if (action === "ignore") {
    const ignored = await notionPages.ignore(offerId);
    await ctx.answerCallbackQuery(ignored ? undefined : { text: ctx.t("np-stale") });
    return rerender(ignored ? ctx.t("np-ignored", { title: escapeHtml(title) }) : ctx.t("np-stale"));
  }

  if (offer?.state !== "offered") {
    await ctx.answerCallbackQuery({ text: ctx.t("np-stale") });
    return rerender(ctx.t("np-stale"));
  }
  await ctx.answerCallbackQuery({ text: ctx.t("np-importing") });
  // Reading the page and moving it in Notion takes seconds: a job, which redraws this message when it is done.
  const message = ctx.callbackQuery?.message;
  if (!message || !ctx.deps.workspace.busy.claim(importBusyKey(offerId))) return;
  const input: NotionImportInput = { offerId, messageId: message.message_id };
  await ctx.deps.services.jobs.enqueue(NOTION_IMPORT_JOB, message.chat.id, input, `np:${ctx.update.update_id}`);
});
