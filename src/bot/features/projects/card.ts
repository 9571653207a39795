import type { InlineKeyboard } from "grammy";
import type { FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { placeMediaScreen, placeScreen, type PlacedScreen, type ScreenMedia } from "../../screen.ts";
import type { ProjectView } from "../../../db/project-repository.ts";
import { cardKeyboard } from "./keyboards.ts";
import { cutText, cutToUnits } from "../../../domain/text-cut.ts";

const CAPTION_LIMIT = 1024;
/**
 * A photo card shows this much of a long description (a caption is at most 1024 characters); the rest is a tap away.
 */
export const CAPTION_DESCRIPTION = 600;

export function notionPageUrl(pageId: string | null): string | null {
  return pageId ? `https://www.notion.so/${pageId.replace(/-/g, "")}` : null;
}

function formatDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { dateStyle: "medium", timeZone }).format(
    new Date(iso),
  );
}

/** The card's text; `limit` shortens the description so a photo caption fits Telegram's 1024 characters. */
export async function cardText(
  ctx: FlowContext,
  project: ProjectView,
  timeZone: string,
  limit = 4096,
): Promise<string> {
  const t = ctx.t;
  const locale = await ctx.i18n.getLocale();
  const lines = [`<b>${escapeHtml(project.name)}</b>`];
  lines.push(
    project.status === "archived"
      ? t("card-archived", { reason: t(`reason-${project.archiveReason ?? "completed"}`) })
      : t("card-status", { status: t(`status-${project.status}`) }),
  );
  lines.push(t("card-created", { date: formatDate(project.createdAt, locale, timeZone) }));
  if (project.status === "active" && project.activatedAt) {
    lines.push(t("card-activated", { date: formatDate(project.activatedAt, locale, timeZone) }));
    lines.push(
      t("card-interval", {
        interval: project.reminderIntervalDays
          ? t("interval-days", { days: project.reminderIntervalDays })
          : t("interval-none"),
      }),
    );
  }
  lines.push(t(project.sync === "none" ? "notion-off" : `notion-${project.sync}`));
  const head = lines.join("\n");
  const room = limit - head.length - 2;
  const description = cutToUnits(project.description, Math.max(0, room));
  return `${head}\n\n${description ? escapeHtml(description) : t("card-no-description")}`;
}

interface CardScreen {
  text: string;
  keyboard: InlineKeyboard;
  face: ScreenMedia | null;
}

/** What a card shows: its text (a caption with a photo face), its buttons and its face. */
async function cardScreen(
  ctx: FlowContext,
  project: ProjectView,
  timeZone: string,
  notice?: string,
  listPage = 0,
): Promise<CardScreen> {
  const url = notionPageUrl(project.notionPageId);
  const prefix = notice ? `${notice}\n\n` : "";
  const face =
    project.reference ?? (project.moodboard ? { fileId: project.moodboard.fileId, asDocument: false } : null);
  if (!face)
    return {
      text: prefix + (await cardText(ctx, project, timeZone)),
      keyboard: cardKeyboard(ctx.t, project, url, false, listPage),
      face,
    };
  const short = cutText(project.description, CAPTION_DESCRIPTION);
  const caption =
    prefix + (await cardText(ctx, { ...project, description: short }, timeZone, CAPTION_LIMIT - prefix.length));
  const whole = project.description === "" || caption.endsWith(escapeHtml(project.description));
  return { text: caption, keyboard: cardKeyboard(ctx.t, project, url, !whole, listPage), face };
}

/**
 * Shows a project card in place of the tapped message. Its face is the
 * reference image, else the newest moodboard's collage; a card without either
 * is a text message.
 */
export async function showCard(
  ctx: FlowContext,
  project: ProjectView,
  timeZone: string,
  notice?: string,
  listPage = 0,
): Promise<void> {
  await placeCard(ctx, project, timeZone, notice, listPage);
}

/** showCard, telling where the card ended up. */
export async function placeCard(
  ctx: FlowContext,
  project: ProjectView,
  timeZone: string,
  notice?: string,
  listPage = 0,
): Promise<PlacedScreen | undefined> {
  const screen = await cardScreen(ctx, project, timeZone, notice, listPage);
  if (!screen.face) return placeScreen(ctx, screen.text, screen.keyboard);
  return placeMediaScreen(ctx, screen.face, screen.text, screen.keyboard);
}

/**
 * A card drawn while its Notion page was still being written says "pending"; once the outbox is done (it is
 * kicked first, so usually within a moment) the same message is edited to the new state. Waits at most
 * `waitMs`, inside the update, so the next tap sees the finished card.
 */
export async function refreshCardWhenSynced(
  ctx: FlowContext,
  placed: PlacedScreen | undefined,
  project: ProjectView,
  timeZone: string,
  syncNowAndWait: (id: number, ms: number) => Promise<ProjectView | null>,
  waitMs = 2_000,
): Promise<void> {
  if (!placed || project.sync !== "pending") return;
  const fresh = await syncNowAndWait(project.id, waitMs);
  if (!fresh || fresh.sync === "pending" || fresh.status !== project.status) return;
  const screen = await cardScreen(ctx, fresh, timeZone);
  const options = { parse_mode: "HTML" as const, reply_markup: screen.keyboard };
  if (placed.media && screen.face)
    await ctx.api.editMessageCaption(placed.chatId, placed.messageId, { caption: screen.text, ...options });
  else if (!placed.media && !screen.face)
    await ctx.api.editMessageText(placed.chatId, placed.messageId, screen.text, {
      ...options,
      link_preview_options: { is_disabled: true },
    });
}
