import { Composer } from "grammy";
import { Buttons } from "../buttons.ts";
import { conversations } from "@grammyjs/conversations";
import { installApiTransformers } from "../api-transformers.ts";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import type { Context, FlowContext } from "../context.ts";
import { conversationStorageAdapter } from "../../db/conversation-storage.ts";
import type { Db } from "../../db/client.ts";
import { showMainMenu } from "./menu/index.ts";
import type { CallbackAnswers } from "../callback-answers.ts";

/**
 * Bump when a flow's code changes in a way that makes stored replay logs
 * invalid: flows stored under another version are discarded, not replayed.
 */
export const FLOW_STORAGE_VERSION = 17;
/**
 * The structure of the flow sources (every src/bot file that drives a conversation: its tokens, without comments,
 * layout or trailing commas) FLOW_STORAGE_VERSION was set for: tests/flow-fingerprint.test.ts fails once it
 * changes, until the version is bumped and this updated. A comment or a reworded text keeps the owner's open flows.
 */
export const FLOW_SOURCES_FINGERPRINT = "d03faea20a399525";

/** Installs the conversations plugin (state in the database) and the global exits from flows. */
export function flowsRuntime(db: Db, i18n: I18n<BaseContext>, answers: CallbackAnswers) {
  const runtime = new Composer<Context>();
  runtime.use(
    conversations<Context, FlowContext>({
      storage: { type: "key", version: FLOW_STORAGE_VERSION, prefix: "flow:", adapter: conversationStorageAdapter(db) },
      // Transformers and i18n of the outer bot do not reach inside conversations.
      plugins: [
        async (ctx, next) => {
          installApiTransformers(ctx.api, { answers }, true);
          await next();
        },
        i18n.middleware() as never,
      ],
    }),
  );

  const cancel = async (ctx: Context) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(active ? "common-cancelled" : "common-nothing-to-cancel"));
    await showMainMenu(ctx);
  };
  runtime.command("cancel", cancel);
  // The Cancel button every flow step shows (a waiting step passes it on: flow/ask.ts).
  runtime.callbackQuery(Buttons.flow.pack({ action: "cancel" }), cancel);

  // Any other command leaves the current flow and then runs as usual.
  runtime.on("message:entities:bot_command", async (ctx, next) => {
    const startsWithCommand = ctx.message.entities.some((e) => e.type === "bot_command" && e.offset === 0);
    if (startsWithCommand && Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll();
    await next();
  });
  return runtime;
}
