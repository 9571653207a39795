import { GrammyError, type Api, type Context as BaseContext } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { Delivery, OwnerMessenger } from "../jobs/owner-messenger.ts";
import { localeKey } from "./i18n.ts";
import { DEFAULT_LOCALE, isLocale } from "../domain/locale.ts";
import { deadlineReminderMessage, digestMessage, projectReminderMessage } from "./features/reminders/messages.ts";
import type { InlineKeyboard } from "grammy";
import type { Translate } from "./i18n.ts";

export interface OwnerMessengerDeps {
  api: Api;
  i18n: I18n<BaseContext>;
  logger: Logger;
  ownerIds: number[];
  settings: SettingsRepository;
}

/** One message as built for one owner's language. */
export interface OwnerMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

/** The jobs' OwnerMessenger, plus `send` for the bot's own workers (Notion pull, sync problems). */
export interface BotOwnerMessenger extends OwnerMessenger {
  /** Builds the message once per owner, in their language, and sends it (HTML). */
  send(build: (t: Translate) => OwnerMessage): Promise<Delivery>;
  /** The translator in one owner's language (jobs that answer one chat: a card, a template check). */
  translator(chatId: number): Promise<Translate>;
  /** One owner's interface language. */
  locale(chatId: number): Promise<string>;
}

/** Sends to every owner in their own language; remembers who blocked the bot so it is logged once. */
export function createOwnerMessenger(deps: OwnerMessengerDeps): BotOwnerMessenger {
  const blockedOwners = new Set<number>();

  /**
   * "blocked" (403: the owner blocked the bot) counts as delivered: retrying cannot help, so it is logged once
   * and not retried. Anything else that survived the Bot API retries is "failed" and the caller retries later.
   */
  async function locale(chatId: number): Promise<string> {
    const stored = await deps.settings.get(localeKey(chatId)).catch(() => undefined);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  }

  async function translator(chatId: number): Promise<Translate> {
    const chosen = await locale(chatId);
    return (key, variables) => deps.i18n.t(chosen, key, variables);
  }

  async function sendToOwners(build: (t: Translate, locale: string) => OwnerMessage): Promise<Delivery> {
    let result: Delivery = "failed";
    for (const ownerId of deps.ownerIds) {
      const message = build(await translator(ownerId), await locale(ownerId));
      try {
        await deps.api.sendMessage(ownerId, message.text, { reply_markup: message.keyboard });
        blockedOwners.delete(ownerId);
        result = "sent";
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 403) {
          if (!blockedOwners.has(ownerId)) {
            deps.logger.warn(
              { ownerId, description: error.description },
              "the owner blocked the bot; messages are not delivered",
            );
          }
          blockedOwners.add(ownerId);
          if (result === "failed") result = "blocked";
        } else {
          deps.logger.warn({ err: error, ownerId }, "message to the owner not delivered");
        }
      }
    }
    return result;
  }

  return {
    send: sendToOwners,
    translator,
    locale,
    projectReminder: (project) => sendToOwners((t) => projectReminderMessage(t, project)),
    deadlineReminder: (project, countdown) =>
      sendToOwners((t, locale) =>
        deadlineReminderMessage({ t, locale, timeZone: countdown.timeZone }, project, countdown),
      ),
    ideaDigest: (digest, slot) => sendToOwners((t, locale) => digestMessage(t, digest, slot, locale)),
  };
}
