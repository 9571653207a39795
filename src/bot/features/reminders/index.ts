import { Composer, InlineKeyboard } from "grammy";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { formatMoment, tomorrowMorning } from "../../../domain/reminder-time.ts";
import { answerStale } from "../../project-card/stale.ts";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";
import { SNOOZE, isDigest, openCardKeyboard, resumeKeyboard, withoutIdea, type SnoozeCode } from "./keyboards.ts";
import { REMINDER_INTERVALS, type ProjectView } from "../../../domain/project.ts";
import { localDay, morningOf } from "../../../domain/deadline.ts";

export const remindersFeature = new Composer<Context>();

const IDEA_SNOOZE_MS = 28 * 86_400_000;
const DAY_MS = 86_400_000;
const DEADLINE_SNOOZE_DAYS = 3;

async function when(ctx: Context, at: Date): Promise<string> {
  const { timeZone } = await ctx.deps.repos.reminders.settings();
  return formatMoment(at, timeZone, await ctx.i18n.getLocale());
}

/** The buttons of a reminder or a digest: snooze, pause/resume, and the digest's idea actions. */
onButton(remindersFeature, Buttons.reminder, async (ctx, { action, n: id, arg }) => {
  if (action === "digestAgain") return digestTomorrow(ctx, id);
  const { projects, reminders } = ctx.deps.repos;
  const project = await projects.get(id);
  if (!project) return answerStale(ctx, null);
  const name = escapeHtml(project.name);
  const now = new Date();

  if (action === "archiveIdea" || action === "snoozeIdea") {
    if (project.status !== "idea") return answerStale(ctx, project);
    let done: string;
    if (action === "archiveIdea") {
      const result = await projects.transition(id, "idea", "archived", { reason: "cancelled" });
      if (!result.ok) return answerStale(ctx, result.project);
      done = ctx.t("reminder-idea-archived", { name });
    } else {
      const until = new Date(now.getTime() + IDEA_SNOOZE_MS);
      if (!(await reminders.snooze(id, "idea", until))) return answerStale(ctx, await projects.get(id));
      done = ctx.t("reminder-idea-snoozed", { name, when: await when(ctx, until) });
    }
    await ctx.answerCallbackQuery();
    const digest = ctx.callbackQuery.message;
    // On the digest only this idea's rows go; the other ideas and "remind me tomorrow" stay.
    const markup = digest?.reply_markup;
    if (digest && "text" in digest && digest.text && markup && isDigest(markup)) {
      return showScreen(ctx, `${escapeHtml(digest.text)}\n\n${done}`, withoutIdea(markup, id));
    }
    return showScreen(ctx, done, openCardKeyboard(ctx.t, id));
  }

  if (action === "snoozeDeadline") return snoozeDeadline(ctx, project);
  if (project.status !== "active") {
    await ctx.answerCallbackQuery({ text: ctx.t("reminder-not-active") });
    return showScreen(ctx, ctx.t("reminder-not-active"), openCardKeyboard(ctx.t, id));
  }
  if (action === "snooze" && arg && arg in SNOOZE) {
    const { timeZone, quiet } = await reminders.settings();
    const until =
      arg === "d" ? tomorrowMorning(now, timeZone, quiet) : new Date(now.getTime() + SNOOZE[arg as SnoozeCode]);
    if (!(await reminders.snooze(id, "active", until))) return answerStale(ctx, await projects.get(id));
    ctx.deps.services.reminders.wake();
    await ctx.answerCallbackQuery();
    return showScreen(
      ctx,
      ctx.t("reminder-snoozed", { name, when: await when(ctx, until) }),
      openCardKeyboard(ctx.t, id),
    );
  }
  if (action === "pause") {
    const days = project.reminderIntervalDays;
    await projects.update(id, { reminderIntervalDays: null });
    await ctx.answerCallbackQuery();
    const keyboard = days ? resumeKeyboard(ctx.t, project, days) : openCardKeyboard(ctx.t, id);
    return showScreen(ctx, ctx.t("reminder-paused", { name }), keyboard);
  }
  const days = Number(arg);
  if (action === "resume" && (REMINDER_INTERVALS as readonly number[]).includes(days)) {
    // Resumed reminders count from now, not from a reminder weeks ago.
    await reminders.markReminded(id, now);
    await projects.update(id, { reminderIntervalDays: days });
    ctx.deps.services.reminders.wake();
    await ctx.answerCallbackQuery();
    return showScreen(ctx, ctx.t("reminder-resumed", { name }), openCardKeyboard(ctx.t, id));
  }
  await ctx.answerCallbackQuery({ text: ctx.t("common-stale-button") });
});

/**
 * "Remind me tomorrow" on the digest: the same digest a day after its slot (the same hour), or later days if tapped
 * late.
 */
async function digestTomorrow(ctx: Context, slotSeconds: number): Promise<void> {
  const slot = slotSeconds * 1000;
  let at = slot + DAY_MS;
  while (at <= Date.now()) at += DAY_MS;
  const next = new Date(at);
  await ctx.deps.repos.reminders.setDigestPending(next);
  ctx.deps.services.reminders.wake();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, ctx.t("reminder-digest-snoozed", { when: await when(ctx, next) }), new InlineKeyboard());
}

/** 😴 on a deadline reminder: the countdown is quiet for three days, then speaks again that morning. */
async function snoozeDeadline(ctx: Context, project: ProjectView): Promise<void> {
  const { timeZone } = await ctx.deps.repos.reminders.settings();
  const until = morningOf(localDay(new Date(Date.now() + DEADLINE_SNOOZE_DAYS * DAY_MS), timeZone), timeZone);
  if (!(await ctx.deps.repos.reminders.snoozeDeadline(project.id, until)))
    return answerStale(ctx, await ctx.deps.repos.projects.get(project.id));
  ctx.deps.services.reminders.wake();
  await ctx.answerCallbackQuery();
  const text = ctx.t("reminder-deadline-snoozed", { name: escapeHtml(project.name), when: await when(ctx, until) });
  await showScreen(ctx, text, openCardKeyboard(ctx.t, project.id));
}
