import type { NextFunction } from "grammy";
import type { Context } from "../context.ts";
import type { BotDeps } from "../deps.ts";

/** Gives each update its dependencies and a child logger that names it. */
export function updateContext(deps: BotDeps) {
  return async (ctx: Context, next: NextFunction) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update: ctx.update.update_id });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.log.debug({ ms: Math.round(performance.now() - started) }, "update handled");
    }
  };
}
