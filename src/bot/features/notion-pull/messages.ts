import { InlineKeyboard, type Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import type { Logger } from "../../../logger.ts";
import type { SettingsRepository } from "../../../db/settings-repository.ts";
import type { PageOffer } from "../../../db/notion-pull-repository.ts";
import type { PulledChange, PullReporter } from "../../../jobs/notion-pull.ts";
import { DEFAULT_LOCALE, isLocale, localeKey } from "../../i18n.ts";
import { escapeHtml } from "../../html.ts";
import { projectData } from "../projects/keyboards.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";

type T = (key: string, variables?: Record<string, string | number>) => string;

/** Callback data of offer buttons: `np:i:<offerId>` imports, `np:x:<offerId>` ignores. */
export const OFFER_DATA = /^np:(i|x):(\d{1,10})$/;
const offerData = (action: "i" | "x", id: number) => `np:${action}:${id}`;
const MAX_CARD_BUTTONS = 8;
const DESCRIPTION_PREVIEW = 80;


/** One message per poll: every project an edit in Notion changed, with buttons to their cards. */
export function changesMessage(t: T, changes: PulledChange[]): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("np-changes-title")];
  const keyboard = new InlineKeyboard();
  for (const change of changes) {
    if (change.newName !== undefined) lines.push(t("np-change-renamed", { old: escapeHtml(change.name), new: escapeHtml(change.newName) }));
    if (change.fromStatus && change.toStatus) {
      const name = escapeHtml(change.newName ?? change.name);
      lines.push(t("np-change-status", { name, from: t(`status-${change.fromStatus}`), to: t(`status-${change.toStatus}`) }));
    }
    if (change.description !== undefined) {
      const name = escapeHtml(change.newName ?? change.name);
      const preview = escapeHtml(truncate(change.description.replace(/\s+/g, " ").trim(), DESCRIPTION_PREVIEW));
      lines.push(preview ? t("np-change-description", { name, preview }) : t("np-change-description-cleared", { name }));
    }
  }
  for (const change of changes.slice(0, MAX_CARD_BUTTONS)) keyboard.text(`📇 ${truncate(change.newName ?? change.name, 40)}`, projectData(change.projectId, "open")).row();
  return { text: lines.join("\n"), keyboard };
}

/** The pages offered for import; `notice` reports what the last tap did. */
export function offersMessage(t: T, offers: PageOffer[], notice?: string, openProjectId?: number): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const parts: string[] = notice ? [notice] : [];
  if (offers.length > 0) {
    const title = (offer: PageOffer) => offer.title.trim() || t("np-untitled");
    parts.push([t("np-offers-title"), t("np-offers-hint"), "", ...offers.map((o) => t("np-offer-line", { title: escapeHtml(title(o)) }))].join("\n"));
    for (const offer of offers) keyboard.text(t("btn-np-import", { title: truncate(title(offer), 32) }), offerData("i", offer.id)).text(t("btn-np-ignore"), offerData("x", offer.id)).row();
  }
  if (openProjectId !== undefined) keyboard.text(t("btn-open-card"), projectData(openProjectId, "open")).row();
  return { text: parts.join("\n\n"), keyboard };
}

/** Sends the pull's messages to every owner in their language; failures are logged, never thrown. */
export function notionPullReporter(deps: { api: Api; i18n: I18n<BaseContext>; settings: SettingsRepository; ownerIds: number[]; logger: Logger }): PullReporter {
  async function send(build: (t: T) => { text: string; keyboard: InlineKeyboard }): Promise<void> {
    for (const ownerId of deps.ownerIds) {
      try {
        const stored = await deps.settings.get(localeKey(ownerId)).catch(() => undefined);
        const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
        const { text, keyboard } = build((key, variables) => deps.i18n.t(locale, key, variables));
        await deps.api.sendMessage(ownerId, text, { parse_mode: "HTML", reply_markup: keyboard });
      } catch (error) {
        deps.logger.warn({ err: error }, "notion pull: could not message the owner");
      }
    }
  }
  return {
    changes: (changes) => send((t) => changesMessage(t, changes)),
    offers: (offers) => send((t) => offersMessage(t, offers)),
  };
}
