import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import type { TransitionResult } from "../../../db/project-repository.ts";
import { placeCard, showCard } from "../../project-card/card.ts";
import { answerStale } from "../../project-card/stale.ts";
import { watchSyncScreen } from "./sync-refresh.ts";
import { moveProject } from "../../../usecases/projects.ts";
import { showAttachments } from "./attachments.ts";
import { DEADLINE_FLOW, offerDeadline, setPickedDeadline } from "./deadline.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { confirmDeleteKeyboard, editKeyboard, intervalKeyboard } from "./keyboards.ts";
import { InlineKeyboard } from "grammy";
import { enterFlow } from "../../flow/enter.ts";
import { listData, projectData, type ProjectAction } from "../../navigation.ts";
import type { ProjectView } from "../../../domain/project.ts";

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

/** One card button's work, given the project as it is now and the button's argument. */
type ActionHandler = (ctx: Context, project: ProjectView, arg: string | undefined) => Promise<void>;

const daysOf = (arg: string | undefined) => (arg === "none" ? null : Number(arg));

const askInterval = (ctx: Context, project: ProjectView, action: "activate" | "setint") =>
  showScreen(
    ctx,
    ctx.t("project-ask-interval", { name: escapeHtml(project.name) }),
    intervalKeyboard(ctx.t, project, action),
  );

/** Every card button, by its action: a button whose project moved on meanwhile is answered as stale. */
const ACTIONS: Record<ProjectAction, ActionHandler> = {
  async open(ctx, project, arg) {
    await ctx.answerCallbackQuery();
    await showCard(ctx, project, await tz(ctx), undefined, arg === undefined ? 0 : Number(arg));
  },
  async files(ctx, project) {
    await ctx.answerCallbackQuery();
    await showAttachments(ctx, project);
  },
  // The whole description, under the photo card that shows only its start.
  async full(ctx, project) {
    await ctx.answerCallbackQuery();
    const body = project.description ? escapeHtml(project.description) : ctx.t("project-card-no-description");
    await ctx.reply(`<b>${escapeHtml(project.name)}</b>\n\n${body}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("project-btn-open-card"), projectData(project.id, "open")),
    });
  },
  async activate(ctx, project, arg) {
    if (project.status !== "idea") return answerStale(ctx, project);
    if (arg !== undefined) {
      const moved = await moveProject(ctx.deps.repos.projects, project, {
        kind: "activate",
        intervalDays: daysOf(arg),
      });
      await afterTransition(ctx, moved);
      if (moved.ok) await offerDeadline(ctx, moved.project);
      return;
    }
    await ctx.answerCallbackQuery();
    await askInterval(ctx, project, "activate");
  },
  async interval(ctx, project) {
    if (project.status !== "active") return answerStale(ctx, project);
    await ctx.answerCallbackQuery();
    await askInterval(ctx, project, "setint");
  },
  async setint(ctx, project, arg) {
    if (project.status !== "active" || arg === undefined) return answerStale(ctx, project);
    const updated = await ctx.deps.repos.projects.update(project.id, { reminderIntervalDays: daysOf(arg) });
    await ctx.answerCallbackQuery();
    await (updated ? showCard(ctx, updated, await tz(ctx)) : answerStale(ctx, null));
  },
  complete: (ctx, project) => archive(ctx, project, "complete"),
  drop: (ctx, project) => archive(ctx, project, "cancel"),
  async restore(ctx, project, arg) {
    if (project.status !== "archived" || (arg !== "idea" && arg !== "active")) return answerStale(ctx, project);
    await afterTransition(ctx, await moveProject(ctx.deps.repos.projects, project, { kind: "restore", to: arg }));
  },
  async delete(ctx, project) {
    if (project.status === "active") return answerStale(ctx, project);
    await ctx.answerCallbackQuery();
    const question = ctx.t("project-ask-delete", { name: escapeHtml(project.name) });
    await showScreen(ctx, question, confirmDeleteKeyboard(ctx.t, project.id));
  },
  async confirmdelete(ctx, project) {
    if (project.status === "active" || !(await ctx.deps.repos.projects.delete(project.id)))
      return answerStale(ctx, project.status === "active" ? project : null);
    await ctx.answerCallbackQuery();
    const back = new InlineKeyboard().text(ctx.t("project-btn-back-to-list"), listData(project.status, 0));
    await showScreen(ctx, ctx.t("project-deleted", { name: escapeHtml(project.name) }), back);
  },
  async edit(ctx, project) {
    if (project.status === "archived") return answerStale(ctx, project);
    await ctx.answerCallbackQuery();
    await showScreen(
      ctx,
      ctx.t("project-ask-edit-field", { name: escapeHtml(project.name) }),
      editKeyboard(ctx.t, project.id),
    );
  },
  rename: (ctx, project) => editField(ctx, project, "name"),
  describe: (ctx, project) => editField(ctx, project, "description"),
  setdue: setPickedDeadline,
  async deadline(ctx, project) {
    if (project.status === "archived") return answerStale(ctx, project);
    await ctx.answerCallbackQuery();
    await enterFlow(ctx, DEADLINE_FLOW, project.id);
  },
};

async function archive(ctx: Context, project: ProjectView, kind: "complete" | "cancel") {
  if (project.status !== "active") return answerStale(ctx, project);
  await afterTransition(ctx, await moveProject(ctx.deps.repos.projects, project, { kind }));
}

async function editField(ctx: Context, project: ProjectView, field: "name" | "description") {
  if (project.status === "archived") return answerStale(ctx, project);
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, "edit-project", project.id, field);
}

/** Runs the action of a `p:<id>:<action>[:<arg>]` button on the project as it is now. */
export async function runProjectAction(
  ctx: Context,
  id: number,
  action: ProjectAction,
  arg: string | undefined,
): Promise<void> {
  const project = await ctx.deps.repos.projects.get(id);
  if (!project) return answerStale(ctx, null);
  await ACTIONS[action](ctx, project, arg);
}
