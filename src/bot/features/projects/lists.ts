import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { listKeyboard } from "./keyboards.ts";
import type { ProjectStatus } from "../../../domain/project.ts";

/** A page of one status list, newest first, edited in place when navigating. */
export async function showList(ctx: Context, status: ProjectStatus, page: number): Promise<void> {
  const result = await ctx.deps.repos.projects.list(status, page);
  const lines = [ctx.t(`project-list-title-${status}`)];
  if (result.total === 0) lines.push(ctx.t("project-list-empty"));
  else {
    lines.push(ctx.t("project-list-count", { total: result.total, page: result.page + 1, pages: result.pages }));
    lines.push(
      "",
      ...result.items.map((project, index) => `${result.page * 8 + index + 1}. ${escapeHtml(project.name)}`),
    );
  }
  await showScreen(ctx, lines.join("\n"), listKeyboard(ctx.t, status, result.items, result.page, result.pages));
}
