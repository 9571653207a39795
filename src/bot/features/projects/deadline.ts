import type { Context, Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { showScreen } from "../../screen.ts";
import { Buttons } from "../../buttons.ts";
import { askUntil, type Verdict } from "../../flow/ask.ts";
import { showCard } from "../../project-card/card.ts";
import { deadlineLine, deadlineMarker, deadlineWhen } from "../../deadline-words.ts";
import { NAV, projectData } from "../../navigation.ts";
import { PICK_CODES, deadlineKeyboard, deadlineOfferKeyboard } from "./keyboards.ts";
import { answerStale } from "../../project-card/stale.ts";
import { parseDeadline } from "../../../usecases/deadline-text.ts";
import {
  DEADLINE_PICKS,
  daysLeft,
  deadlineKey,
  pickedDeadline,
  urgencyOf,
  type Deadline,
  type DeadlineUrgency,
} from "../../../domain/deadline.ts";
import type { ProjectView } from "../../../domain/project.ts";
import { InlineKeyboard, InputFile } from "grammy";
import { CALENDAR_FILE, deadlineCalendarFile } from "../../deadline-calendar.ts";
import { cutText } from "../../../domain/text-cut.ts";

export const DEADLINE_FLOW = "edit-deadline";

/** The deadline's answer: a typed date, a quick pick, or none (removed). */
function judgeDeadline(conversation: Flow, timeZone: string, hasDeadline: boolean) {
  return async (answer: FlowContext): Promise<Verdict<Deadline | null>> => {
    const keyboard = deadlineKeyboard(answer.t, hasDeadline);
    const button = Buttons.deadline.unpack(answer.callbackQuery?.data);
    if (button) {
      await answer.answerCallbackQuery();
      const { pick } = button;
      if (pick === "none") return { value: null };
      return { value: await conversation.external(() => pickedDeadline(pick, new Date(), timeZone)) };
    }
    const text = answer.message?.text;
    if (text === undefined) return { refuse: "project-deadline-hint", keyboard };
    const parsed = await conversation.external(() => parseDeadline(text, new Date(), timeZone));
    if (parsed.ok) return { value: parsed.deadline };
    return { refuse: parsed.reason === "past" ? "project-deadline-past" : "project-deadline-unknown", keyboard };
  };
}

/** ✏️ → Deadline (or ⏳ on an active card): a date typed as people write it, or a quick pick; then the card. */
export async function deadlineFlow(conversation: Flow, ctx: FlowContext, projectId: number) {
  const project = await conversation.external((outer) => outer.deps.repos.projects.get(projectId));
  if (!project || project.status === "archived") return;
  const timeZone = await conversation.external((outer) => ownerTimeZone(outer.deps));
  const hasDeadline = project.deadline !== null;
  await ctx.reply(ctx.t("project-deadline-ask", { name: escapeHtml(project.name) }), {
    reply_markup: deadlineKeyboard(ctx.t, hasDeadline),
  });
  const answer = await askUntil(conversation, Buttons.deadline, judgeDeadline(conversation, timeZone, hasDeadline));
  const updated: ProjectView | null = await conversation.external(async (outer) => {
    const saved = await outer.deps.repos.projects.setDeadline(projectId, answer.value);
    if (saved && answer.value) await outer.deps.services.reminders.deadlineSeen(projectId, answer.value);
    return saved;
  });
  const { ctx: last, value } = answer;
  if (!updated) return void (await last.reply(last.t("project-missing")));
  const locale = await conversation.external((outer) => outer.i18n.getLocale());
  const now = new Date(await conversation.now());
  const notice = value
    ? last.t("project-deadline-saved", { deadline: deadlineLine(last.t, locale, value, now, timeZone) })
    : last.t("project-deadline-removed");
  await showCard(last, updated, timeZone, notice);
}

const GROUPS: DeadlineUrgency[] = ["overdue", "week", "later"];
const MAX_BUTTONS = 20;

/** "⏳ Deadlines" (/due): ideas and work in progress by their deadline — overdue, this week, later. */
export async function showDeadlines(ctx: Context): Promise<void> {
  const projects = await ctx.deps.repos.projects.withDeadlines();
  const [timeZone, locale, now] = [await ownerTimeZone(ctx.deps), await ctx.i18n.getLocale(), new Date()];
  const keyboard = new InlineKeyboard();
  if (projects.length === 0) {
    keyboard.text(ctx.t("common-btn-back"), NAV.projects);
    return showScreen(ctx, `${ctx.t("project-deadlines-title")}\n\n${ctx.t("project-deadlines-empty")}`, keyboard);
  }
  const dated = projects.flatMap((p) => (p.deadline ? [{ ...p, deadline: p.deadline }] : []));
  const lines = [ctx.t("project-deadlines-title")];
  for (const group of GROUPS) {
    const members = dated.filter((p) => urgencyOf(daysLeft(p.deadline, now, timeZone)) === group);
    if (members.length === 0) continue;
    lines.push("", ctx.t(`project-deadlines-${group}`));
    for (const p of members) {
      const idea = p.status === "idea" ? ` ${ctx.t("project-deadlines-idea")}` : "";
      lines.push(`• ${escapeHtml(p.name)}${idea} — ${deadlineWhen(ctx.t, locale, p.deadline, now, timeZone)}`);
    }
  }
  for (const p of projects.slice(0, MAX_BUTTONS))
    keyboard.text(deadlineMarker(p.deadline, now, timeZone) + cutText(p.name, 60), projectData(p.id, "open")).row();
  keyboard.text(ctx.t("common-btn-back"), NAV.projects);
  await showScreen(ctx, lines.join("\n"), keyboard);
}

/** /calendar: every deadline as an .ics file to open in Google Calendar or Apple Calendar. */
export async function sendCalendar(ctx: Context): Promise<void> {
  const { bytes, count } = await deadlineCalendarFile(ctx.deps, ctx.t);
  if (count === 0) {
    const keyboard = new InlineKeyboard().text(ctx.t("common-btn-back"), NAV.projects);
    return void (await ctx.reply(ctx.t("project-deadlines-empty"), { reply_markup: keyboard }));
  }
  await ctx.replyWithDocument(new InputFile(bytes, CALENDAR_FILE), {
    caption: ctx.t("project-calendar-caption", { count }),
  });
}

/** Right after activation: a deadline offered with quick picks (buttons only: no flow waits for the owner's text). */
export async function offerDeadline(ctx: Context, project: ProjectView): Promise<void> {
  if (project.deadline) return;
  const name = escapeHtml(project.name);
  await ctx.reply(ctx.t("project-deadline-offer", { name }), {
    reply_markup: deadlineOfferKeyboard(ctx.t, project.id),
  });
}

const pickOf = (code: string | undefined) => DEADLINE_PICKS.find((pick) => PICK_CODES[pick] === code);

/** A quick pick of the offer after activation (tapping it twice sets the same day). */
export async function setPickedDeadline(ctx: Context, project: ProjectView, arg: string | undefined): Promise<void> {
  const pick = pickOf(arg);
  if (project.status === "archived" || (arg !== "none" && !pick)) return answerStale(ctx, project);
  const openCard = new InlineKeyboard().text(ctx.t("project-btn-open-card"), projectData(project.id, "open"));
  if (!pick) {
    await ctx.answerCallbackQuery();
    return showScreen(ctx, ctx.t("project-deadline-skipped"), openCard);
  }
  const timeZone = await ownerTimeZone(ctx.deps);
  const now = new Date();
  const deadline = pickedDeadline(pick, now, timeZone);
  // A second tap of the same pick: already saved, and the message already says so.
  if (deadlineKey(project.deadline) === deadlineKey(deadline))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("project-deadline-already") }));
  const updated = await ctx.deps.repos.projects.setDeadline(project.id, deadline);
  if (!updated) return answerStale(ctx, await ctx.deps.repos.projects.get(project.id));
  await ctx.deps.services.reminders.deadlineSeen(project.id, deadline);
  await ctx.answerCallbackQuery();
  const line = deadlineLine(ctx.t, await ctx.i18n.getLocale(), deadline, now, timeZone);
  await showScreen(
    ctx,
    `${escapeHtml(updated.name)}\n${ctx.t("project-deadline-saved", { deadline: line })}`,
    openCard,
  );
}
