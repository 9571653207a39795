import type { Context as BaseContext } from "grammy";
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Logger } from "../logger.ts";
import type { BotDeps } from "./deps.ts";

interface AppFlavor {
  /** Child logger bound to this update. */
  log: Logger;
  deps: BotDeps;
}

/** The context of the outer middleware tree. */
export type Context = ConversationFlavor<BaseContext & I18nFlavor & AppFlavor>;

/** The context objects a conversation sees while it replays (no deps: side effects go through `external`). */
export type FlowContext = BaseContext & I18nFlavor;

export type Flow = Conversation<Context, FlowContext>;
