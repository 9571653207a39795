import type { Context } from "../context.ts";

/**
 * Enters a flow from a button or command. Only one flow runs at a time, and a flow left waiting (they survive
 * restarts, so it can wait for days) would make `enter` fail: the waiting one is closed first, with a word.
 */
export async function enterFlow(ctx: Context, name: string, ...args: unknown[]): Promise<void> {
  if (Object.keys(ctx.conversation.active()).length > 0) {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("common-flow-left"));
  }
  await ctx.conversation.enter(name, ...args);
}
