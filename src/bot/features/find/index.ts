import { Composer, InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import { createConversation } from "@grammyjs/conversations";
import type { Context, Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { searchProjects, type SearchHit } from "../../../db/project-search.ts";
import { askText, cancelKeyboard } from "../../flow/ask.ts";
import { checkQuery } from "../../../domain/project-text.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import { fitLines } from "../../message-fit.ts";
import { enterFlow } from "../../flow/enter.ts";
import { projectData, NAV } from "../../navigation.ts";

export const FIND_FLOW = "find";
const FIND_AGAIN = Buttons.find.pack({ action: "again" });
const STATUS_ICON = { idea: "💡", active: "🚀", archived: "🗄" } as const;

export const findFeature = new Composer<Context>();

/** The results screen: one button per project, each opening its card. */
export function resultsScreen(
  ctx: FlowContext,
  query: string,
  result: { hits: SearchHit[]; total: number },
): { text: string; keyboard: InlineKeyboard } {
  const shownQuery = escapeHtml(truncate(query, 60));
  const keyboard = new InlineKeyboard();
  if (result.total === 0) {
    keyboard.text(ctx.t("find-btn-find-again"), FIND_AGAIN).text(ctx.t("common-btn-main-menu"), NAV.main);
    return { text: ctx.t("find-nothing", { query: shownQuery }), keyboard };
  }
  const items = result.hits.map((hit, index) => {
    const where = hit.field === "description" ? ` <i>${ctx.t("find-in-description")}</i>` : "";
    keyboard.text(`${STATUS_ICON[hit.status]} ${truncate(hit.name, 56)}`, projectData(hit.id, "open")).row();
    return `${index + 1}. ${STATUS_ICON[hit.status]} ${escapeHtml(hit.name)}${where}`;
  });
  const tail = result.total > result.hits.length ? ["", ctx.t("find-results-more", { shown: result.hits.length })] : [];
  keyboard.text(ctx.t("find-btn-find-again"), FIND_AGAIN).text(ctx.t("common-btn-main-menu"), NAV.main);
  const head = [ctx.t("find-results", { query: shownQuery, total: result.total }), ""];
  return { text: fitLines(head, items, (count) => ctx.t("common-list-more", { count }), tail), keyboard };
}

/** `/find` without text: asks for the query, then shows the results. */
async function findFlow(conversation: Flow, ctx: FlowContext) {
  await showScreen(ctx, ctx.t("find-ask"), cancelKeyboard(ctx));
  const query = await askText(conversation, checkQuery);
  const result = await conversation.external((outer) => searchProjects(outer.deps.db, query.value));
  const screen = resultsScreen(query.ctx, query.value, result);
  await query.ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

findFeature.use(createConversation<Context, FlowContext>(findFlow, FIND_FLOW));

findFeature.command("find", async (ctx) => {
  const checked = checkQuery(ctx.match);
  if (!checked.ok) {
    if (checked.key === "find-empty") return enterFlow(ctx, FIND_FLOW);
    return void (await ctx.reply(ctx.t(checked.key, { length: checked.length ?? 0 })));
  }
  const screen = resultsScreen(ctx, checked.value, await searchProjects(ctx.deps.db, checked.value));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
});

findFeature.callbackQuery(FIND_AGAIN, async (ctx) => {
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, FIND_FLOW);
});
