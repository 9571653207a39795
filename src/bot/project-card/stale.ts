import { InlineKeyboard } from "grammy";
import type { Context } from "../context.ts";
import { showScreen } from "../screen.ts";
import { ownerTimeZone } from "../owner-time-zone.ts";
import { NAV } from "../navigation.ts";
import { showCard } from "./card.ts";
import type { ProjectView } from "../../domain/project.ts";

const tz = (ctx: Context) => ownerTimeZone(ctx.deps);

/** "No longer exists" or "was changed" plus the fresh card: the answer to a button that went stale. */
export async function answerStale(ctx: Context, project: ProjectView | null | undefined): Promise<void> {
  if (!project) {
    await ctx.answerCallbackQuery({ text: ctx.t("project-missing") });
    await showScreen(ctx, ctx.t("project-missing"), new InlineKeyboard().text(ctx.t("common-btn-main-menu"), NAV.main));
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t("project-changed") });
  await showCard(ctx, project, await tz(ctx));
}
