import { InlineKeyboard } from "grammy";
import type { BotOwnerMessenger } from "../../owner-messenger.ts";
import type { PageOffer } from "../../../db/notion-pull-repository.ts";
import type { PulledChange, PullReporter } from "../../../jobs/notion-pull.ts";
import { escapeHtml } from "../../html.ts";
import { fitLines } from "../../message-fit.ts";
import { Buttons } from "../../buttons.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import type { Translate } from "../../i18n.ts";
import { projectData } from "../../navigation.ts";
import { numericDeadline } from "../../deadline-words.ts";

/** Offer buttons: import the page, or ignore it. */
const offerData = (action: "import" | "ignore", offerId: number) => Buttons.notionOffer.pack({ action, offerId });
const MAX_CARD_BUTTONS = 8;
const DESCRIPTION_PREVIEW = 80;

/** A name as a line shows it: a title made by hand in Notion can run to thousands of characters. */
const NAME_IN_LINE = 100;
/** One change's lines: renamed, moved, described, given a deadline. */
function changeLines(t: Translate, change: PulledChange): string[] {
  const lines: string[] = [];
  const name = escapeHtml(truncate(change.newName ?? change.name, NAME_IN_LINE));
  if (change.newName !== undefined) {
    const old = escapeHtml(truncate(change.name, NAME_IN_LINE));
    lines.push(t("np-change-renamed", { old, new: name }));
  }
  if (change.fromStatus && change.toStatus)
    lines.push(
      t("np-change-status", {
        name,
        from: t(`project-status-${change.fromStatus}`),
        to: t(`project-status-${change.toStatus}`),
      }),
    );
  if (change.description !== undefined) {
    const preview = escapeHtml(truncate(change.description.replace(/\s+/g, " ").trim(), DESCRIPTION_PREVIEW));
    lines.push(preview ? t("np-change-description", { name, preview }) : t("np-change-description-cleared", { name }));
  }
  if (change.deadline !== undefined)
    lines.push(
      change.deadline
        ? t("np-change-deadline", { name, date: numericDeadline(change.deadline) })
        : t("np-change-deadline-cleared", { name }),
    );
  return lines;
}

/**
 * One message per poll: every project an edit in Notion changed, with buttons to their cards. However many changed,
 * it fits one Telegram message: the changes that do not fit are counted in a last line.
 */
export function changesMessage(t: Translate, changes: PulledChange[]): { text: string; keyboard: InlineKeyboard } {
  const items = changes.map((change) => changeLines(t, change).join("\n"));
  const text = fitLines([t("np-changes-title")], items, (count) => t("np-changes-more", { count }));
  const keyboard = new InlineKeyboard();
  for (const change of changes.slice(0, MAX_CARD_BUTTONS))
    keyboard.text(`📇 ${truncate(change.newName ?? change.name, 40)}`, projectData(change.projectId, "open")).row();
  return { text, keyboard };
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
        ...offers.map((o) => t("np-offer-line", { title: escapeHtml(truncate(title(o), NAME_IN_LINE)) })),
      ].join("\n"),
    );
    for (const offer of offers)
      keyboard
        .text(t("np-btn-np-import", { title: truncate(title(offer), 32) }), offerData("import", offer.id))
        .text(t("np-btn-np-ignore"), offerData("ignore", offer.id))
        .row();
  }
  if (openProjectId !== undefined) keyboard.text(t("project-btn-open-card"), projectData(openProjectId, "open")).row();
  return { text: parts.join("\n\n"), keyboard };
}

/** The pull's messages, to every owner in their language (through the one owner messenger); never throws. */
export function notionPullReporter(messenger: BotOwnerMessenger): PullReporter {
  return {
    changes: async (changes) => void (await messenger.send((t) => changesMessage(t, changes))),
    offers: (offers) => messenger.send((t) => offersMessage(t, offers)),
  };
}
