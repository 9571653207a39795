import { type Api, InlineKeyboard } from "grammy";
import type { Context } from "../../context.ts";
import type { BotDeps } from "../../deps.ts";
import { escapeHtml } from "../../html.ts";
import type { Translate } from "../../i18n.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import type { SyncScreen } from "../../sync-screens.ts";
import { type CardReader, notionPageUrl, redrawCard } from "../../project-card/card.ts";
import { projectData } from "../../navigation.ts";
import type { ProjectView } from "../../../domain/project.ts";

/** What redrawing needs outside an update: the Bot API and each owner's language. */
export interface SyncRedraw {
  api: Api;
  deps: BotDeps;
  reader(chatId: number): Promise<CardReader>;
}

/** "✅ Idea saved (and added to Notion / Notion pending / failed)" with the card's and the page's buttons. */
export function savedConfirmation(t: Translate, project: ProjectView): { text: string; keyboard: InlineKeyboard } {
  const key = {
    none: "project-idea-saved",
    synced: "project-idea-saved-notion",
    pending: "project-idea-saved-pending",
    failed: "project-idea-saved-failed",
  };
  const keyboard = new InlineKeyboard().text(t("project-btn-open-card"), projectData(project.id, "open"));
  const url = notionPageUrl(project.notionPageId);
  if (url) keyboard.url(t("project-btn-open-notion"), url);
  return { text: t(key[project.sync], { name: escapeHtml(project.name) }), keyboard };
}

/**
 * The sync worker's "this project's Notion write ended" (written, or parked as failed): every message drawn while it
 * was pending is redrawn as things are now. A card whose project moved on meanwhile is left as it is.
 */
export async function redrawSyncScreens(view: SyncRedraw, projectId: number): Promise<void> {
  const { workspace, repos } = view.deps;
  const project = await repos.projects.get(projectId);
  if (!project || project.sync === "pending") return;
  const screens = workspace.syncScreens.take(projectId);
  if (screens.length === 0) return;
  const timeZone = await ownerTimeZone(view.deps);
  for (const screen of screens) {
    try {
      await redrawOne(view, screen, project, timeZone);
    } catch (error) {
      view.deps.logger.info({ err: error, projectId }, "a card drawn before its Notion sync was not redrawn");
    }
  }
}

async function redrawOne(view: SyncRedraw, screen: SyncScreen, project: ProjectView, timeZone: string) {
  const reader = await view.reader(screen.placed.chatId);
  if (screen.kind === "card") {
    if (project.status === screen.status) await redrawCard(view.api, reader, screen.placed, project, timeZone);
    return;
  }
  const { text, keyboard } = savedConfirmation(reader.t, project);
  await view.api.editMessageText(screen.placed.chatId, screen.placed.messageId, text, {
    reply_markup: keyboard,
  });
}

/**
 * Remembers a message drawn while its project's Notion write is pending. The write may have ended while it was being
 * drawn (the worker found nothing to redraw then): a second look redraws it now.
 */
export async function watchSyncScreen(ctx: Context, projectId: number, screen: SyncScreen): Promise<void> {
  ctx.deps.workspace.syncScreens.watch(projectId, screen);
  const reader = { t: ctx.t, locale: await ctx.i18n.getLocale() };
  await redrawSyncScreens({ api: ctx.api, deps: ctx.deps, reader: async () => reader }, projectId);
}
