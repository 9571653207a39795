import { createTask, type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.ts";
import type { ProjectRepository } from "../db/project-repository.ts";
import type { ReminderRepository } from "../db/reminder-repository.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { OwnerMessenger } from "./owner-messenger.ts";
import type { Countdown } from "../db/reminder-repository.ts";
import { digestCron, isQuiet, previousWeeklySlot, quietEnd, weeklyTimeOf } from "../domain/reminder-time.ts";
import { countdownToday, daysLeft, isCountdownDay, localDay, nextMorning, type Deadline } from "../domain/deadline.ts";

/** How long a claim whose process went silent blocks others from retrying it. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** setTimeout's ceiling is ~24.8 days; the crons run anyway, so a wake-up within hours is enough. */
const MAX_WAKE_MS = 6 * 3_600_000;
const KEEP_SENT_CLAIMS_MS = 60 * 86_400_000;

const countdownKey = (id: number, deadline: Deadline, day: string) => `d:${id}:${deadline.date}:${day}`;

export interface ReminderServiceDeps {
  /** Tells the owner(s): texts and buttons are the bot's business. */
  messenger: OwnerMessenger;
  logger: Logger;
  reminderCron: string;
  ideaDigestCron: string;
  settings: SettingsRepository;
  reminders: ReminderRepository;
  projects: ProjectRepository;
}

export interface ReminderOverview {
  timeZone: string;
  projects: { id: number; name: string; at: string; snoozed: boolean }[];
  digestAt: string | null;
}

/**
 * Interval reminders and the weekly idea digest. Crons and a wake-up timer
 * (for snoozes and the end of quiet hours) all run one serialized check: it
 * sends whatever is due, each after claiming it in the database.
 */
export class ReminderService {
  private readonly deps: ReminderServiceDeps;
  private reminderTask?: ScheduledTask;
  private digestTask?: ScheduledTask;
  private wakeTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = false;

  constructor(deps: ReminderServiceDeps) {
    this.deps = deps;
  }

  /** Catches up on what fell due while the bot was down (once), then schedules the crons. */
  async start(): Promise<void> {
    await this.queueMissedDigest().catch((error) => this.deps.logger.error({ err: error }, "digest catch-up failed"));
    this.reminderTask = createTask(this.deps.reminderCron, () => this.check(), { name: "reminders", noOverlap: true });
    await this.reminderTask.start();
    await this.reschedule();
    await this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    await this.reminderTask?.destroy();
    await this.digestTask?.destroy();
    await this.running;
  }

  /** Re-reads the digest day/hour and time zone from the settings. */
  async reschedule(): Promise<void> {
    if (this.stopped) return;
    const { timeZone, digest } = await this.deps.reminders.settings();
    await this.digestTask?.destroy();
    const expression = digest ? digestCron(digest) : this.deps.ideaDigestCron;
    this.digestTask = createTask(expression, (context) => this.onDigestTick(context.date), {
      name: "idea-digest",
      timezone: timeZone,
      noOverlap: true,
    });
    await this.digestTask.start();
    this.wake();
  }

  /** Runs a check now; a request during a running check runs one more afterwards (never in parallel). */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        await this.runCheck().catch((error) => this.deps.logger.error({ err: error }, "reminder check failed"));
      } while (this.rerun && !this.stopped);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Wakes the checks sooner (after a snooze or a settings change). */
  wake(): void {
    void this.check();
  }

  async overview(): Promise<ReminderOverview> {
    const { timeZone, quiet } = await this.deps.reminders.settings();
    const now = new Date();
    const scheduled = await this.deps.reminders.scheduled();
    const pending = await this.deps.reminders.digestPending();
    const nextDigest = pending ?? this.digestTask?.getNextRun() ?? null;
    const at = (date: Date) => quietEnd(date < now ? now : date, quiet, timeZone).toISOString();
    return {
      timeZone,
      projects: scheduled
        .slice(0, 10)
        .map((project) => ({ id: project.id, name: project.name, at: at(project.dueAt), snoozed: project.snoozed })),
      digestAt: nextDigest ? at(nextDigest) : null,
    };
  }

  private async onDigestTick(scheduledAt: Date): Promise<void> {
    const slot = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000);
    await this.deps.reminders.setDigestPending(slot);
    await this.deps.reminders.setDigestLastSlot(slot);
    await this.check();
  }

  /** A weekly digest whose slot passed while the bot was down is sent once at start-up. */
  private async queueMissedDigest(): Promise<void> {
    const { timeZone, digest } = await this.deps.reminders.settings();
    const weekly = digest ?? weeklyTimeOf(this.deps.ideaDigestCron);
    if (!weekly) return;
    const slot = previousWeeklySlot(new Date(), weekly, timeZone);
    const last = await this.deps.reminders.digestLastSlot();
    // The very first start has nothing to catch up on.
    if (last && slot > last) await this.deps.reminders.setDigestPending(slot);
    if (!last || slot > last) await this.deps.reminders.setDigestLastSlot(slot);
  }

  private async runCheck(): Promise<void> {
    clearTimeout(this.wakeTimer);
    const { reminders } = this.deps;
    const now = new Date();
    const { timeZone, quiet } = await reminders.settings();
    if (isQuiet(now, quiet, timeZone)) return this.scheduleWake(quietEnd(now, quiet, timeZone));

    for (const project of await reminders.due(now)) {
      if (this.stopped) return;
      // One project's failure must not hold back the others.
      await this.remindProject(project.id, project.dueAt, now, timeZone).catch((error) =>
        this.deps.logger.error({ err: error, projectId: project.id }, "project reminder failed"),
      );
    }
    const countdowns = await reminders.countdowns();
    for (const countdown of countdowns) {
      if (this.stopped) return;
      await this.remindDeadline(countdown, now, timeZone).catch((error) =>
        this.deps.logger.error({ err: error, projectId: countdown.id }, "deadline reminder failed"),
      );
    }
    const digestAt = await reminders.digestPending();
    if (digestAt && digestAt <= now && !this.stopped)
      await this.sendDigest(digestAt, now).catch((error) =>
        this.deps.logger.error({ err: error }, "idea digest failed"),
      );
    if (now.getUTCMinutes() === 0) await reminders.forgetSentBefore(new Date(now.getTime() - KEEP_SENT_CLAIMS_MS));

    const next = (await reminders.scheduled()).find((project) => project.dueAt > now)?.dueAt;
    const pending = await reminders.digestPending();
    const morning = countdowns.length ? nextMorning(now, timeZone) : undefined;
    const snoozes = countdowns.flatMap((c) => (c.snoozedUntil && c.snoozedUntil > now ? [c.snoozedUntil] : []));
    const candidates = [next, pending && pending > now ? pending : undefined, morning, ...snoozes].filter(
      (date): date is Date => Boolean(date),
    );
    if (candidates.length) this.scheduleWake(new Date(Math.min(...candidates.map((date) => date.getTime()))));
  }

  private scheduleWake(at: Date): void {
    if (this.stopped) return;
    clearTimeout(this.wakeTimer);
    const delay = Math.min(MAX_WAKE_MS, Math.max(1000, at.getTime() - Date.now() + 500));
    this.wakeTimer = setTimeout(() => void this.check(), delay);
  }

  private async remindProject(id: number, dueAt: Date, now: Date, timeZone: string): Promise<void> {
    const { reminders, projects, logger } = this.deps;
    const key = `p:${id}:${dueAt.toISOString()}`;
    const claim = await reminders.claim(key, now, CLAIM_LEASE_MS);
    // "sent" but still due: the process that sent it died before recording it; record it now.
    if (claim === "sent") await reminders.markReminded(id, now);
    if (claim !== "claimed") return;
    const project = await projects.get(id);
    if (!project || project.status !== "active") return reminders.release(key);
    if (project.deadline && isCountdownDay(daysLeft(project.deadline, now, timeZone))) {
      // The deadline's countdown speaks for this project today: the interval nudge gives way (one word a day).
      await reminders.markReminded(id, now);
      await reminders.markSent(key, now);
      return logger.info({ projectId: id, dueAt }, "project reminder left to the deadline countdown");
    }
    const delivery = await this.deps.messenger.projectReminder(project);
    if (delivery === "failed") {
      logger.warn({ projectId: id }, "reminder not delivered; it will be retried");
      return reminders.release(key);
    }
    await reminders.markReminded(id, now);
    await reminders.markSent(key, new Date());
    logger.info({ projectId: id, dueAt, delivery }, "project reminder sent");
  }

  /** Today's word of a deadline's countdown, claimed once per project, deadline and day. */
  private async remindDeadline(countdown: Countdown, now: Date, timeZone: string): Promise<void> {
    if (countdown.snoozedUntil && countdown.snoozedUntil > now) return;
    const today = countdownToday(countdown.deadline, now, timeZone);
    if (!today) return;
    const { reminders, projects, logger } = this.deps;
    const key = countdownKey(countdown.id, countdown.deadline, today.day);
    if ((await reminders.claim(key, now, CLAIM_LEASE_MS)) !== "claimed") return;
    const project = await projects.get(countdown.id);
    // Archived or given another date since the list was read: that countdown is over.
    if (!project || project.status === "archived" || project.deadline?.date !== countdown.deadline.date)
      return reminders.release(key);
    const delivery = await this.deps.messenger.deadlineReminder(project, { daysLeft: today.daysLeft, timeZone });
    if (delivery === "failed") return reminders.release(key);
    await reminders.markSent(key, new Date());
    logger.info({ projectId: project.id, daysLeft: today.daysLeft, delivery }, "deadline reminder sent");
  }

  /** A deadline just set was seen by the owner: today's word of its countdown is not sent (it would repeat it). */
  async deadlineSeen(projectId: number, deadline: Deadline, now = new Date()): Promise<void> {
    const { timeZone } = await this.deps.reminders.settings();
    const key = countdownKey(projectId, deadline, localDay(now, timeZone));
    if ((await this.deps.reminders.claim(key, now, CLAIM_LEASE_MS)) === "claimed")
      await this.deps.reminders.markSent(key, now);
  }

  private async sendDigest(slot: Date, now: Date): Promise<void> {
    const { reminders, logger } = this.deps;
    const key = `digest:${slot.toISOString()}`;
    const claim = await reminders.claim(key, now, CLAIM_LEASE_MS);
    if (claim === "sent") await reminders.clearDigestPending(slot);
    if (claim !== "claimed") return;
    const digest = await reminders.ideaDigest(now);
    const delivery = await this.deps.messenger.ideaDigest(digest, slot);
    if (delivery === "failed") return reminders.release(key);
    await reminders.clearDigestPending(slot);
    await reminders.markSent(key, new Date());
    logger.info({ slot, recent: digest.recent, stale: digest.stale.length, delivery }, "idea digest sent");
  }
}
