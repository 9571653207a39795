import type { Api, InlineKeyboard } from "grammy";
import type { FlowContext } from "../context.ts";
import type { Translate } from "../i18n.ts";
import { escapeHtml } from "../html.ts";
import { placeMediaScreen, placeScreen, type PlacedScreen, type ScreenMedia } from "../screen.ts";
import { cardKeyboard } from "./keyboard.ts";
import { cutText, cutToUnits } from "../../domain/text-cut.ts";
import type { ProjectView } from "../../domain/project.ts";
import { deadlineLine } from "../deadline-words.ts";

const CAPTION_LIMIT = 1024;
/**
 * A photo card shows this much of a long description (a caption is at most 1024 characters); the rest is a tap away.
 */
export const CAPTION_DESCRIPTION = 600;

export function notionPageUrl(pageId: string | null): string | null {
  return pageId ? `https://www.notion.so/${pageId.replace(/-/g, "")}` : null;
}

/** "12 июня 2026" ("12 June 2026"): a day as a person writes it. */
function formatDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  })
    .format(new Date(iso))
    .replace(/\s*г\.$/, "");
}

/** Who a card is drawn for: inside an update the context's language, in a worker the owner's. */
export interface CardReader {
  t: Translate;
  locale: string;
}

const readerOf = async (ctx: FlowContext): Promise<CardReader> => ({ t: ctx.t, locale: await ctx.i18n.getLocale() });

/** The card's text; `limit` shortens the description so a photo caption fits Telegram's 1024 characters. */
export function cardText(
  reader: CardReader,
  project: ProjectView,
  timeZone: string,
  limit = 4096,
  now = new Date(),
): string {
  const { t, locale } = reader;
  const lines = [`<b>${escapeHtml(project.name)}</b>`];
  lines.push(
    project.status === "archived"
      ? t("project-card-archived", { reason: t(`project-reason-${project.archiveReason ?? "completed"}`) })
      : t("project-card-status", { status: t(`project-status-${project.status}`) }),
  );
  lines.push(t("project-card-created", { date: formatDate(project.createdAt, locale, timeZone) }));
  if (project.status === "active" && project.activatedAt) {
    lines.push(t("project-card-activated", { date: formatDate(project.activatedAt, locale, timeZone) }));
    lines.push(
      t("project-card-interval", {
        interval: project.reminderIntervalDays
          ? t("project-interval-days", { days: project.reminderIntervalDays })
          : t("project-interval-none"),
      }),
    );
  }
  if (project.deadline && project.status !== "archived")
    lines.push(deadlineLine(t, locale, project.deadline, now, timeZone));
  // Without Notion the card says nothing about it (/help says how to connect it).
  if (project.sync !== "none") lines.push(t(`project-notion-${project.sync}`));
  const head = lines.join("\n");
  const room = limit - head.length - 2;
  const description = cutToUnits(project.description, Math.max(0, room));
  return `${head}\n\n${description ? escapeHtml(description) : t("project-card-no-description")}`;
}

interface CardScreen {
  text: string;
  keyboard: InlineKeyboard;
  face: ScreenMedia | null;
}

/** What a card shows: its text (a caption with a photo face), its buttons and its face. */
function cardScreen(
  reader: CardReader,
  project: ProjectView,
  timeZone: string,
  notice?: string,
  listPage = 0,
): CardScreen {
  const url = notionPageUrl(project.notionPageId);
  const prefix = notice ? `${notice}\n\n` : "";
  const face =
    project.reference ?? (project.moodboard ? { fileId: project.moodboard.fileId, asDocument: false } : null);
  if (!face)
    return {
      text: prefix + cardText(reader, project, timeZone),
      keyboard: cardKeyboard(reader.t, project, url, false, listPage),
      face,
    };
  const short = cutText(project.description, CAPTION_DESCRIPTION);
  const caption =
    prefix + cardText(reader, { ...project, description: short }, timeZone, CAPTION_LIMIT - prefix.length);
  const whole = project.description === "" || caption.endsWith(escapeHtml(project.description));
  return { text: caption, keyboard: cardKeyboard(reader.t, project, url, !whole, listPage), face };
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
  const screen = cardScreen(await readerOf(ctx), project, timeZone, notice, listPage);
  if (!screen.face) return placeScreen(ctx, screen.text, screen.keyboard);
  return placeMediaScreen(ctx, screen.face, screen.text, screen.keyboard);
}

/**
 * Redraws a card already in the chat (the same message) with the project as it is now: the sync worker calls it once
 * the card's Notion page is written, so the owner sees "synced" without the tap ever waiting for Notion.
 */
export async function redrawCard(
  api: Api,
  reader: CardReader,
  placed: PlacedScreen,
  project: ProjectView,
  timeZone: string,
): Promise<void> {
  const screen = cardScreen(reader, project, timeZone);
  const options = { reply_markup: screen.keyboard };
  if (placed.media && screen.face)
    await api.editMessageCaption(placed.chatId, placed.messageId, { caption: screen.text, ...options });
  else if (!placed.media && !screen.face)
    await api.editMessageText(placed.chatId, placed.messageId, screen.text, {
      ...options,
      link_preview_options: { is_disabled: true },
    });
}
