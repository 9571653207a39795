import type { Context as BaseContext, NextFunction } from "grammy";

/**
 * The very first middleware: updates from anyone but the owner(s) — and
 * updates with no user at all (channel posts, polls…) — stop here with no
 * reply, no callback answer and no database access.
 */
export function ownerGate(ownerIds: readonly number[]) {
  const owners = new Set(ownerIds);
  return (ctx: BaseContext, next: NextFunction) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !owners.has(userId) || ctx.from?.is_bot) return;
    // Owner messages in groups or channels are ignored too: the bot is a private assistant.
    if (ctx.chat && ctx.chat.type !== "private") return;
    return next();
  };
}
