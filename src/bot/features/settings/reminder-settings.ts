import { InlineKeyboard } from "grammy";
import { askUntil, type Verdict } from "../../flow/ask.ts";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import {
  formatMoment,
  formatQuietHours,
  parseQuietHours,
  validTimeZone,
  type DigestTime,
  type QuietHours,
} from "../../../domain/reminder-time.ts";
import { NAV } from "../../navigation.ts";

export const COMMON_TIME_ZONES = [
  "Europe/Moscow",
  "Europe/Kaliningrad",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Novosibirsk",
  "Asia/Vladivostok",
  "Europe/Minsk",
  "Europe/Berlin",
  "Europe/London",
  "UTC",
];
export type SettingsSection = ButtonOf<typeof Buttons.settings>["section"];
export const settingsData = (section: SettingsSection, arg?: string | number) =>
  Buttons.settings.pack({ section, arg: arg === undefined ? undefined : String(arg) });
export const REMINDER_SECTIONS = {
  timeZone: settingsData("timeZone"),
  quiet: settingsData("quietHours"),
  digest: settingsData("digest"),
  overview: settingsData("reminders"),
} as const;
const CLOSE = settingsData("close");
const DIGEST_HOURS = [8, 9, 10, 11, 12, 14, 16, 18, 20];

export interface ReminderSettingsView {
  timeZone: string;
  quiet: QuietHours | null;
  digest: DigestTime | null;
}

/** The settings menu lines about reminders. */
export function reminderSettingsLines(ctx: FlowContext, settings: ReminderSettingsView): string {
  return [
    ctx.t("settings-timezone", { zone: settings.timeZone }),
    ctx.t("settings-quiet", { hours: settings.quiet ? formatQuietHours(settings.quiet) : ctx.t("settings-quiet-off") }),
    ctx.t("settings-digest", {
      when: settings.digest ? digestLabel(ctx, settings.digest) : ctx.t("settings-digest-default"),
    }),
  ].join("\n");
}

const digestLabel = (ctx: FlowContext, time: DigestTime) =>
  `${ctx.t(`settings-weekday-${time.day}`)} ${String(time.hour).padStart(2, "0")}:00`;

const doneKeyboard = (ctx: FlowContext) =>
  new InlineKeyboard()
    .text(ctx.t("settings-btn-settings-back"), NAV.settings)
    .text(ctx.t("common-btn-main-menu"), NAV.main);

/** Waits for a `section` button whose argument fits `arg`, or typed text; Close ends the flow (returns null). */
async function answer(
  conversation: Flow,
  section: SettingsSection,
  arg: RegExp,
): Promise<{ ctx: FlowContext; data?: string; text?: string } | null> {
  type Reply = { data?: string; text?: string } | null;
  const { value, ctx } = await askUntil(conversation, Buttons.settings, async (reply): Promise<Verdict<Reply>> => {
    const button = Buttons.settings.unpack(reply.callbackQuery?.data);
    if (button?.section === "close") {
      await reply.answerCallbackQuery();
      await showScreen(reply, reply.t("settings-closed"), doneKeyboard(reply));
      return { value: null };
    }
    if (button?.section === section && button.arg !== undefined && arg.test(button.arg)) {
      await reply.answerCallbackQuery();
      return { value: { data: button.arg } };
    }
    if (!reply.callbackQuery && reply.message?.text) return { value: { text: reply.message.text } };
    return { refuse: "common-flow-hint-button" };
  });
  return value && { ctx, ...value };
}

export async function timeZoneStep(conversation: Flow, ctx: FlowContext): Promise<void> {
  const keyboard = new InlineKeyboard();
  COMMON_TIME_ZONES.forEach((zone, index) => {
    keyboard.text(zone, settingsData("timeZone", index));
    if (index % 2 === 1) keyboard.row();
  });
  await showScreen(ctx, ctx.t("settings-ask-timezone"), keyboard.row().text(ctx.t("common-btn-cancel"), CLOSE));
  for (;;) {
    const reply = await answer(conversation, "timeZone", /^\d{1,2}$/);
    if (!reply) return;
    const zone = reply.data ? COMMON_TIME_ZONES[Number(reply.data)] : validTimeZone(reply.text ?? "");
    if (!zone) {
      await reply.ctx.reply(
        reply.ctx.t("settings-timezone-invalid", { zone: escapeHtml((reply.text ?? "").slice(0, 60)) }),
      );
      continue;
    }
    await conversation.external(async (outer) => {
      await outer.deps.repos.reminders.setTimeZone(zone);
      await outer.deps.services.reminders.reschedule();
    });
    return showScreen(reply.ctx, reply.ctx.t("settings-timezone-saved", { zone }), doneKeyboard(reply.ctx));
  }
}

export async function quietHoursStep(conversation: Flow, ctx: FlowContext): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text("22:00–08:00", settingsData("quietHours", "22-8"))
    .text("23:00–07:00", settingsData("quietHours", "23-7"))
    .row();
  await showScreen(
    ctx,
    ctx.t("settings-ask-quiet"),
    keyboard
      .text(ctx.t("settings-btn-quiet-off"), settingsData("quietHours", "off"))
      .row()
      .text(ctx.t("common-btn-cancel"), CLOSE),
  );
  for (;;) {
    const reply = await answer(conversation, "quietHours", /^(off|\d{1,2}-\d{1,2})$/);
    if (!reply) return;
    const input = reply.data ?? reply.text ?? "";
    let quiet: QuietHours | null = null;
    if (input.trim().toLowerCase() !== "off") {
      const parsed = parseQuietHours(input);
      if (!parsed.ok) {
        await reply.ctx.reply(reply.ctx.t(`settings-quiet-invalid-${parsed.reason}`));
        continue;
      }
      quiet = parsed.value;
    }
    await conversation.external(async (outer) => {
      await outer.deps.repos.reminders.setQuietHours(quiet);
      outer.deps.services.reminders.wake();
    });
    const text = quiet
      ? reply.ctx.t("settings-quiet-saved", { hours: formatQuietHours(quiet) })
      : reply.ctx.t("settings-quiet-cleared");
    return showScreen(reply.ctx, text, doneKeyboard(reply.ctx));
  }
}

export async function digestStep(conversation: Flow, ctx: FlowContext): Promise<void> {
  const days = new InlineKeyboard();
  [1, 2, 3, 4, 5, 6, 0].forEach((day, index) => {
    days.text(ctx.t(`settings-weekday-${day}`), settingsData("digestDay", day));
    if (index === 3) days.row();
  });
  await showScreen(ctx, ctx.t("settings-ask-digest-day"), days.row().text(ctx.t("common-btn-cancel"), CLOSE));
  const dayReply = await answer(conversation, "digestDay", /^[0-6]$/);
  if (!dayReply) return;
  if (!dayReply.data) {
    await dayReply.ctx.reply(dayReply.ctx.t("common-flow-hint-button"));
    return digestStep(conversation, dayReply.ctx);
  }
  const day = Number(dayReply.data);
  const hours = new InlineKeyboard();
  DIGEST_HOURS.forEach((hour, index) => {
    hours.text(`${String(hour).padStart(2, "0")}:00`, settingsData("digestHour", hour));
    if (index % 3 === 2) hours.row();
  });
  await showScreen(
    dayReply.ctx,
    dayReply.ctx.t("settings-ask-digest-hour"),
    hours.row().text(dayReply.ctx.t("common-btn-cancel"), CLOSE),
  );
  for (;;) {
    const reply = await answer(conversation, "digestHour", /^\d{1,2}$/);
    if (!reply) return;
    const raw = reply.data ?? reply.text?.trim().replace(/:00$/, "") ?? "";
    const hour = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
    if (!(hour >= 0 && hour <= 23)) {
      await reply.ctx.reply(reply.ctx.t("settings-digest-hour-invalid"));
      continue;
    }
    const time = { day, hour };
    await conversation.external(async (outer) => {
      await outer.deps.repos.reminders.setDigestTime(time);
      await outer.deps.services.reminders.reschedule();
    });
    return showScreen(
      reply.ctx,
      reply.ctx.t("settings-digest-saved", { when: digestLabel(reply.ctx, time) }),
      doneKeyboard(reply.ctx),
    );
  }
}

/** Upcoming reminders with their (local) times, and the next digest. */
export async function overviewStep(conversation: Flow, ctx: FlowContext): Promise<void> {
  const overview = await conversation.external((outer) => outer.deps.services.reminders.overview());
  const locale = await ctx.i18n.getLocale();
  const when = (iso: string) => formatMoment(new Date(iso), overview.timeZone, locale);
  const lines = [ctx.t("settings-overview-head", { zone: overview.timeZone })];
  if (overview.projects.length === 0) lines.push(ctx.t("settings-overview-none"));
  for (const project of overview.projects)
    lines.push(`• ${when(project.at)} — ${escapeHtml(project.name)}${project.snoozed ? " 😴" : ""}`);
  if (overview.digestAt) lines.push("", ctx.t("settings-overview-digest", { when: when(overview.digestAt) }));
  await showScreen(ctx, lines.join("\n"), doneKeyboard(ctx));
}
