import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { SEARCH_QUERY_MAX, searchProjects, type SearchHit } from "../../../db/project-search.ts";
import { askText } from "../projects/ask.ts";
import { projectData } from "../projects/keyboards.ts";
import type { Checked } from "../projects/validation.ts";
import { NAV } from "../menu/keyboards.ts";

export const FIND_FLOW = "find";
const FIND_AGAIN = "find:again";
const STATUS_ICON = { idea: "💡", active: "🚀", archived: "🗄" } as const;

export const findFeature = new Composer<Context>();

export function checkQuery(raw: string): Checked {
  const value = raw.trim();
  const length = [...value].length;
  if (length === 0) return { ok: false, key: "find-empty" };
  if (length > SEARCH_QUERY_MAX) return { ok: false, key: "find-too-long", length };
  return { ok: true, value };
}

const truncate = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text);

/** The results screen: one button per project, each opening its card. */
export function resultsScreen(ctx: FlowContext, query: string, result: { hits: SearchHit[]; total: number }): { text: string; keyboard: InlineKeyboard } {
  const shownQuery = escapeHtml(truncate(query, 60));
  const keyboard = new InlineKeyboard();
  if (result.total === 0) {
    keyboard.text(ctx.t("btn-find-again"), FIND_AGAIN).text(ctx.t("btn-main-menu"), NAV.main);
    return { text: ctx.t("find-nothing", { query: shownQuery }), keyboard };
  }
  const lines = [ctx.t("find-results", { query: shownQuery, total: result.total }), ""];
  result.hits.forEach((hit, index) => {
    const where = hit.field === "description" ? ` <i>${ctx.t("find-in-description")}</i>` : "";
    lines.push(`${index + 1}. ${STATUS_ICON[hit.status]} ${escapeHtml(hit.name)}${where}`);
    keyboard.text(`${STATUS_ICON[hit.status]} ${truncate(hit.name, 56)}`, projectData(hit.id, "open")).row();
  });
  if (result.total > result.hits.length) lines.push("", ctx.t("find-results-more", { shown: result.hits.length }));
  keyboard.text(ctx.t("btn-find-again"), FIND_AGAIN).text(ctx.t("btn-main-menu"), NAV.main);
  return { text: lines.join("\n"), keyboard };
}

/** `/find` without text: asks for the query, then shows the results. */
async function findFlow(conversation: Flow, ctx: FlowContext) {
  await showScreen(ctx, ctx.t("find-ask"));
  const query = await askText(conversation, checkQuery);
  const result = await conversation.external((outer) => searchProjects(outer.deps.db, query.value));
  const screen = resultsScreen(query.ctx, query.value, result);
  await query.ctx.reply(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
}

findFeature.use(createConversation<Context, FlowContext>(findFlow, FIND_FLOW));

findFeature.command("find", async (ctx) => {
  const checked = checkQuery(ctx.match);
  if (!checked.ok) {
    if (checked.key === "find-empty") return ctx.conversation.enter(FIND_FLOW);
    return void (await ctx.reply(ctx.t(checked.key, { length: checked.length ?? 0 })));
  }
  const screen = resultsScreen(ctx, checked.value, await searchProjects(ctx.deps.db, checked.value));
  await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
});

findFeature.callbackQuery(FIND_AGAIN, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(FIND_FLOW);
});
