import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { deadlineMarker, deadlineWhen } from "../../deadline-words.ts";
import { listKeyboard } from "./keyboards.ts";
import type { ProjectStatus, ProjectView } from "../../../domain/project.ts";

/**
 * A page of one status list, edited in place when navigating: work in progress nearest deadline first, each
 * deadline marked and counted down; ideas and the archive newest first.
 */
export async function showList(ctx: Context, status: ProjectStatus, page: number): Promise<void> {
  const result = await ctx.deps.repos.projects.list(status, page);
  const [timeZone, locale, now] = [await ownerTimeZone(ctx.deps), await ctx.i18n.getLocale(), new Date()];
  // An archived project's deadline is history: not marked, not counted.
  const deadlineOf = (project: ProjectView) => (status === "archived" ? null : project.deadline);
  const marker = (project: ProjectView) => deadlineMarker(deadlineOf(project), now, timeZone);
  const line = (project: ProjectView) => {
    const name = `${marker(project)}${escapeHtml(project.name)}`;
    const deadline = deadlineOf(project);
    if (!deadline) return name;
    return `${name} — ⏳ ${deadlineWhen(ctx.t, locale, deadline, now, timeZone)}`;
  };
  const lines = [ctx.t(`project-list-title-${status}`)];
  if (result.total === 0) lines.push(ctx.t("project-list-empty"));
  else {
    lines.push(ctx.t("project-list-count", { total: result.total, page: result.page + 1, pages: result.pages }));
    lines.push("", ...result.items.map((project, index) => `${result.page * 8 + index + 1}. ${line(project)}`));
  }
  const keyboard = listKeyboard(ctx.t, status, result.items, result.page, result.pages, marker);
  await showScreen(ctx, lines.join("\n"), keyboard);
}
