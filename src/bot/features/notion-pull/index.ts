import { Composer } from "grammy";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { offersMessage } from "./messages.ts";
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

  if (action === "x") {
    const ignored = await notionPages.ignore(offerId);
    await ctx.answerCallbackQuery(ignored ? undefined : { text: ctx.t("np-stale") });
    return rerender(ignored ? ctx.t("np-ignored", { title: escapeHtml(title) }) : ctx.t("np-stale"));
  }

  if (offer?.state !== "offered") {
    await ctx.answerCallbackQuery({ text: ctx.t("np-stale") });
    return rerender(ctx.t("np-stale"));
  }
  await ctx.answerCallbackQuery({ text: ctx.t("np-importing") });
  const result = await ctx.deps.services.importNotionPage(offerId, ctx.t("np-untitled"));
  if (result.ok) {
    const project = await ctx.deps.repos.projects.get(result.projectId);
    return rerender(ctx.t("np-imported", { name: escapeHtml(project?.name ?? title) }), result.projectId);
  }
  if (result.reason === "notion") return rerender(ctx.t("np-notion-error", { detail: escapeHtml(result.detail) }));
  return rerender(ctx.t(`np-${result.reason}`), result.projectId);
});
