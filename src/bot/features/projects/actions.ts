import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import type { TransitionResult } from "../../../db/project-repository.ts";
import { placeCard, showCard } from "../../project-card/card.ts";
import { answerStale } from "../../project-card/stale.ts";
import { watchSyncScreen } from "./sync-refresh.ts";
import { moveProject } from "../../../usecases/projects.ts";
import { showAttachments } from "./attachments.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { confirmDeleteKeyboard, editKeyboard, intervalKeyboard } from "./keyboards.ts";
import { InlineKeyboard } from "grammy";
import { enterFlow } from "../../flow/enter.ts";
import { listData, projectData, type ProjectAction } from "../../navigation.ts";
import type { ProjectStatus } from "../../../domain/project.ts";

const tz = (ctx: Context) => ownerTimeZone(ctx.deps);

async function afterTransition(ctx: Context, result: TransitionResult) {
  if (!result.ok) return answerStale(ctx, result.project);
  await ctx.answerCallbackQuery();
  const timeZone = await tz(ctx);
  const placed = await placeCard(ctx, result.project, timeZone);
  // "Notion: pending" now; the sync worker redraws this card once the page is written (the tap never waits for it).
  if (placed && result.project.sync === "pending")
    await watchSyncScreen(ctx, result.project.id, { kind: "card", placed, status: result.project.status });
}

/** Runs the action of a `p:<id>:<action>[:<arg>]` button. */
export async function runProjectAction(
  ctx: Context,
  id: number,
  action: ProjectAction,
  arg: string | undefined,
): Promise<void> {
  const projects = ctx.deps.repos.projects;
  const project = await projects.get(id);
  if (!project) return answerStale(ctx, null);
  const expect = (status: ProjectStatus) => project.status === status;
  const days = arg === "none" ? null : Number(arg);

  switch (action) {
    case "open":
      await ctx.answerCallbackQuery();
      return showCard(ctx, project, await tz(ctx), undefined, arg === undefined ? 0 : Number(arg));
    case "files":
      await ctx.answerCallbackQuery();
      return showAttachments(ctx, project);
    case "full": {
      // The whole description, under the photo card that shows only its start.
      await ctx.answerCallbackQuery();
      const body = project.description ? escapeHtml(project.description) : ctx.t("card-no-description");
      await ctx.reply(`<b>${escapeHtml(project.name)}</b>\n\n${body}`, {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text(ctx.t("btn-open-card"), projectData(id, "open")),
      });
      return;
    }
    case "activate":
      if (!expect("idea")) return answerStale(ctx, project);
      if (arg === undefined) {
        await ctx.answerCallbackQuery();
        return showScreen(
          ctx,
          ctx.t("ask-interval", { name: escapeHtml(project.name) }),
          intervalKeyboard(ctx.t, project, "activate"),
        );
      }
      return afterTransition(ctx, await moveProject(projects, project, { kind: "activate", intervalDays: days }));
    case "interval":
      if (!expect("active")) return answerStale(ctx, project);
      await ctx.answerCallbackQuery();
      return showScreen(
        ctx,
        ctx.t("ask-interval", { name: escapeHtml(project.name) }),
        intervalKeyboard(ctx.t, project, "setint"),
      );
    case "setint": {
      if (!expect("active") || arg === undefined) return answerStale(ctx, project);
      const updated = await projects.update(id, { reminderIntervalDays: days });
      await ctx.answerCallbackQuery();
      return updated ? showCard(ctx, updated, await tz(ctx)) : answerStale(ctx, null);
    }
    case "complete":
    case "drop":
      if (!expect("active")) return answerStale(ctx, project);
      return afterTransition(
        ctx,
        await moveProject(projects, project, { kind: action === "complete" ? "complete" : "cancel" }),
      );
    case "restore":
      if (!expect("archived") || (arg !== "idea" && arg !== "active")) return answerStale(ctx, project);
      return afterTransition(ctx, await moveProject(projects, project, { kind: "restore", to: arg }));
    case "delete":
      if (expect("active")) return answerStale(ctx, project);
      await ctx.answerCallbackQuery();
      return showScreen(ctx, ctx.t("ask-delete", { name: escapeHtml(project.name) }), confirmDeleteKeyboard(ctx.t, id));
    case "confirmdelete": {
      if (expect("active") || !(await projects.delete(id)))
        return answerStale(ctx, project.status === "active" ? project : null);
      await ctx.answerCallbackQuery();
      const back = new InlineKeyboard().text(ctx.t("btn-back-to-list"), listData(project.status, 0));
      return showScreen(ctx, ctx.t("deleted", { name: escapeHtml(project.name) }), back);
    }
    case "edit":
      if (expect("archived")) return answerStale(ctx, project);
      await ctx.answerCallbackQuery();
      return showScreen(ctx, ctx.t("ask-edit-field", { name: escapeHtml(project.name) }), editKeyboard(ctx.t, id));
    case "rename":
    case "describe":
      if (expect("archived")) return answerStale(ctx, project);
      await ctx.answerCallbackQuery();
      return enterFlow(ctx, "edit-project", id, action === "rename" ? "name" : "description");
    default:
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
  }
}
