import { GrammyError, type Api, type Context as BaseContext } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { Delivery, OwnerMessenger } from "../jobs/owner-messenger.ts";
import { DEFAULT_LOCALE, isLocale, localeKey } from "./i18n.ts";
import { digestMessage, projectReminderMessage, type OutgoingMessage } from "./features/reminders/messages.ts";
import type { Translate } from "./features/reminders/keyboards.ts";

export interface OwnerMessengerDeps {
  api: Api;
  i18n: I18n<BaseContext>;
  logger: Logger;
  ownerIds: number[];
  settings: SettingsRepository;
}

/** Sends to every owner in their own language; remembers who blocked the bot so it is logged once. */
export function createOwnerMessenger(deps: OwnerMessengerDeps): OwnerMessenger {
  const blockedOwners = new Set<number>();

  /**
   * "blocked" (403: the owner blocked the bot) counts as delivered: retrying cannot help, so it is logged once
   * and not retried. Anything else that survived the Bot API retries is "failed" and the caller retries later.
   */
  async function sendToOwners(build: (t: Translate) => OutgoingMessage): Promise<Delivery> {
    let result: Delivery = "failed";
    for (const ownerId of deps.ownerIds) {
      const stored = await deps.settings.get(localeKey(ownerId)).catch(() => undefined);
      const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
      const message = build((key, variables) => deps.i18n.t(locale, key, variables));
      try {
        await deps.api.sendMessage(ownerId, message.text, { parse_mode: "HTML", reply_markup: message.keyboard });
        blockedOwners.delete(ownerId);
        result = "sent";
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 403) {
          if (!blockedOwners.has(ownerId)) {
            deps.logger.warn({ ownerId, description: error.description }, "the owner blocked the bot; reminders are not delivered");
          }
          blockedOwners.add(ownerId);
          if (result === "failed") result = "blocked";
        } else {
          deps.logger.warn({ err: error, ownerId }, "reminder not delivered; it will be retried");
        }
      }
    }
    return result;
  }

  return {
    projectReminder: (project) => sendToOwners((t) => projectReminderMessage(t, project)),
    ideaDigest: (digest, slot) => sendToOwners((t) => digestMessage(t, digest, slot)),
  };
}
