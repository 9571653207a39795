/** The saved moodboards of a project: the list over the newest collage, and one board with its prompt details. */
import { InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showMediaScreen, showScreen } from "../../screen.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { projectData } from "../../navigation.ts";
import { IMAGES_BILLED } from "./moodboard-job.ts";

/** Buttons to each saved board (the one on show marked), a new moodboard, and back. */
function boardsKeyboard(
  ctx: Context,
  projectId: number,
  boards: { id: number }[],
  shown: number | null,
  back: string,
  hasReference = false,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  boards.forEach((board, index) => {
    keyboard.text(
      board.id === shown ? `• ${index + 1} •` : `🖼 ${index + 1}`,
      Buttons.savedMoodboard.pack({ id: board.id }),
    );
    if (index % 5 === 4) keyboard.row();
  });
  keyboard.row();
  if (!hasReference) keyboard.text(ctx.t("ai-btn-mb-new"), Buttons.ai.pack({ projectId, action: "newMoodboard" }));
  else
    keyboard
      .text(ctx.t("ai-btn-mb-words"), Buttons.ai.pack({ projectId, action: "newMoodboard" }))
      .text(ctx.t("ai-btn-mb-photo"), Buttons.ai.pack({ projectId, action: "fromPhoto" }))
      .row()
      .text(ctx.t("ai-btn-mb-reference"), Buttons.ai.pack({ projectId, action: "fromReference" }));
  return keyboard.row().text(ctx.t("common-btn-back"), back);
}

/** `ai:<project>:mbl` — the project's saved moodboards, newest first, over the newest one's collage. */
export async function showMoodboards(ctx: Context, projectId: number): Promise<void> {
  const project = await ctx.deps.repos.projects.get(projectId);
  await ctx.answerCallbackQuery();
  if (!project) return showScreen(ctx, ctx.t("project-missing"));
  const boards = await ctx.deps.repos.ai.listMoodboards(projectId);
  const locale = await ctx.i18n.getLocale();
  const format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    dateStyle: "medium",
    timeZone: await ownerTimeZone(ctx.deps),
  });
  const lines = [ctx.t("ai-mb-list", { name: escapeHtml(project.name) })];
  if (boards.length === 0) lines.push(ctx.t("ai-mb-list-empty"));
  const cost = ctx.t("ai-mb-cost-new", { images: IMAGES_BILLED.all });
  boards.forEach((board, index) => {
    lines.push(
      ctx.t("ai-mb-list-item", {
        n: index + 1,
        date: format.format(new Date(board.createdAt)),
        seed: String(board.seed),
        aspect: board.aspect.replace("x", ":"),
        source: ctx.t(`ai-mb-source-${board.source}`),
      }),
    );
  });
  lines.push("", cost);
  const back = projectData(projectId, "open");
  const keyboard = boardsKeyboard(ctx, projectId, boards, null, back, project.reference !== null);
  const newest = boards.find((board) => board.collageFileId);
  if (!newest) return showScreen(ctx, lines.join("\n"), keyboard);
  await showMediaScreen(ctx, { fileId: newest.collageFileId }, lines.join("\n"), keyboard);
}

/** `mbv:<asset>` — a saved moodboard's collage with its prompt details, in place of the list. */
export async function showSavedMoodboard(ctx: Context, assetId: number): Promise<void> {
  const board = await ctx.deps.repos.ai.getMoodboard(assetId);
  if (!board) return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-stale") }));
  const [project, boards] = await Promise.all([
    ctx.deps.repos.projects.get(board.projectId),
    ctx.deps.repos.ai.listMoodboards(board.projectId),
  ]);
  await ctx.answerCallbackQuery();
  const caption = ctx.t("ai-mb-view", {
    name: escapeHtml(project?.name ?? ""),
    seed: String(board.seed),
    aspect: board.aspect.replace("x", ":"),
    model: escapeHtml(board.model),
    source: ctx.t(`ai-mb-source-${board.source}`),
    seeds: board.tiles.map((tile) => tile.seed).join(" · "),
  });
  const keyboard = boardsKeyboard(
    ctx,
    board.projectId,
    boards,
    board.id,
    Buttons.ai.pack({ projectId: board.projectId, action: "moodboards" }),
    Boolean(project?.reference),
  );
  await showMediaScreen(ctx, { fileId: board.collageFileId }, caption, keyboard);
}
