import { InlineKeyboard } from "grammy";
import type { BotOwnerMessenger } from "../../owner-messenger.ts";
import type { PageOffer } from "../../../db/notion-pull-repository.ts";
import type { PulledChange, PullReporter } from "../../../jobs/notion-pull.ts";
import { escapeHtml } from "../../html.ts";
import { projectData } from "../projects/keyboards.ts";
import { Buttons } from "../../buttons.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import type { Translate } from "../../i18n.ts";

/** Offer buttons: `i` imports the page, `x` ignores it. */
const offerData = (action: "i" | "x", offerId: number) => Buttons.notionOffer.pack({ action, offerId });
const MAX_CARD_BUTTONS = 8;
const DESCRIPTION_PREVIEW = 80;

/** One message per poll: every project an edit in Notion changed, with buttons to their cards. */
export function changesMessage(t: Translate, changes: PulledChange[]): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("np-changes-title")];
  const keyboard = new InlineKeyboard();
  for (const change of changes) {
    if (change.newName !== undefined)
      lines.push(t("np-change-renamed", { old: escapeHtml(change.name), new: escapeHtml(change.newName) }));
    if (change.fromStatus && change.toStatus) {
      const name = escapeHtml(change.newName ?? change.name);
      lines.push(
        t("np-change-status", { name, from: t(`status-${change.fromStatus}`), to: t(`status-${change.toStatus}`) }),
      );
    }
    if (change.description !== undefined) {
      const name = escapeHtml(change.newName ?? change.name);
      const preview = escapeHtml(truncate(change.description.replace(/\s+/g, " ").trim(), DESCRIPTION_PREVIEW));
      lines.push(
        preview ? t("np-change-description", { name, preview }) : t("np-change-description-cleared", { name }),
      );
    }
  }
  for (const change of changes.slice(0, MAX_CARD_BUTTONS))
    keyboard.text(`📇 ${truncate(change.newName ?? change.name, 40)}`, projectData(change.projectId, "open")).row();
  return { text: lines.join("\n"), keyboard };
}

/** The pages offered for import; `notice` reports what the last tap did. */
export function offersMessage(
  t: Translate,
  offers: PageOffer[],
  notice?: string,
  openProjectId?: number,
): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const parts: string[] = notice ? [notice] : [];
  if (offers.length > 0) {
    const title = (offer: PageOffer) => offer.title.trim() || t("np-untitled");
    parts.push(
      [
        t("np-offers-title"),
        t("np-offers-hint"),
        "",
        ...offers.map((o) => t("np-offer-line", { title: escapeHtml(title(o)) })),
      ].join("\n"),
    );
    for (const offer of offers)
      keyboard
        .text(t("btn-np-import", { title: truncate(title(offer), 32) }), offerData("i", offer.id))
        .text(t("btn-np-ignore"), offerData("x", offer.id))
        .row();
  }
  if (openProjectId !== undefined) keyboard.text(t("btn-open-card"), projectData(openProjectId, "open")).row();
  return { text: parts.join("\n\n"), keyboard };
}

/** The pull's messages, to every owner in their language (through the one owner messenger); never throws. */
export function notionPullReporter(messenger: BotOwnerMessenger): PullReporter {
  return {
    changes: async (changes) => void (await messenger.send((t) => changesMessage(t, changes))),
    offers: async (offers) => void (await messenger.send((t) => offersMessage(t, offers))),
  };
}
