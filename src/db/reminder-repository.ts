import type { Db } from "./client.ts";
import { projectDueAt, type DigestTime, type QuietHours } from "../domain/reminder-time.ts";
import { readDigestTime, readInstant, readQuietHours, readTimeZone } from "../domain/stored-values.ts";
import type { Logger } from "../logger.ts";
import { daysLeft, deadlineOf, type Deadline } from "../domain/deadline.ts";

export const REMINDER_SETTING_KEY = {
  timeZone: "reminders:tz",
  quiet: "reminders:quiet",
  digest: "reminders:digest",
  digestPending: "digest:pending",
  digestLast: "digest:last",
};
const KEY = REMINDER_SETTING_KEY;
const WEEK_MS = 7 * 86_400_000;
/** The digest names at most this many deadlines (the rest are on the ⏳ Deadlines screen). */
const DIGEST_DEADLINES = 8;

export interface ReminderSettings {
  timeZone: string;
  quiet: QuietHours | null;
  /** null: IDEA_DIGEST_CRON decides. */
  digest: DigestTime | null;
}

/** The weekly digest: new ideas, ideas untouched the longest, and the deadlines of the coming week. */
export interface IdeaDigest {
  recent: number;
  stale: { id: number; name: string }[];
  /** Due within 7 days, or already missed; nearest first. */
  deadlines?: { id: number; name: string; deadline: Deadline }[];
  timeZone?: string;
}

export interface Countdown {
  id: number;
  deadline: Deadline;
  snoozedUntil: Date | null;
}

export interface DueProject {
  id: number;
  name: string;
  dueAt: Date;
  snoozed: boolean;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

/**
 * Reminder state: settings (read straight from the database, so every process
 * sees a change), the due query, snoozes, and claims that make each reminder
 * go out once even when two processes check at the same moment.
 */
export class ReminderRepository {
  private readonly db: Db;
  private readonly defaultTimeZone: string;
  private readonly logger: Logger | undefined;
  /** Bad values already reported: said once, not on every reminder check. */
  private readonly reported = new Set<string>();

  constructor(db: Db, defaultTimeZone: string, logger?: Logger) {
    this.db = db;
    this.defaultTimeZone = defaultTimeZone;
    this.logger = logger;
  }

  /**
   * A stored value read back; one that does not read (a restored archive, a hand edit) is reported once and its
   * default used: no setting may stop the bot.
   */
  private read<T>(key: string, text: string | undefined, reader: (text: string) => T | undefined): T | undefined {
    if (text === undefined) return undefined;
    const value = reader(text);
    if (value === undefined && !this.reported.has(`${key}=${text}`)) {
      this.reported.add(`${key}=${text}`);
      this.logger?.warn({ key, value: text.slice(0, 80) }, "a stored setting does not read; its default is used");
    }
    return value;
  }

  async settings(): Promise<ReminderSettings> {
    const rows = await this.db.setting.findMany({ where: { key: { in: [KEY.timeZone, KEY.quiet, KEY.digest] } } });
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    return {
      timeZone: this.read(KEY.timeZone, value(KEY.timeZone), readTimeZone) ?? this.defaultTimeZone,
      quiet: this.read(KEY.quiet, value(KEY.quiet), readQuietHours) ?? null,
      digest: this.read(KEY.digest, value(KEY.digest), readDigestTime) ?? null,
    };
  }

  setTimeZone(zone: string) {
    return this.put(KEY.timeZone, zone);
  }

  async setQuietHours(quiet: QuietHours | null) {
    if (quiet) await this.put(KEY.quiet, JSON.stringify(quiet));
    else await this.db.setting.deleteMany({ where: { key: KEY.quiet } });
  }

  setDigestTime(time: DigestTime) {
    return this.put(KEY.digest, JSON.stringify(time));
  }

  /** Active projects with an interval, each with its due moment, earliest first. */
  async scheduled(): Promise<DueProject[]> {
    const rows = await this.db.project.findMany({
      where: { status: "active", reminderIntervalDays: { not: null } },
      select: {
        id: true,
        name: true,
        reminderIntervalDays: true,
        activatedAt: true,
        lastRemindedAt: true,
        snoozedUntil: true,
        createdAt: true,
      },
    });
    const scheduled: DueProject[] = [];
    for (const row of rows) {
      const dueAt = projectDueAt(row);
      if (dueAt) scheduled.push({ id: row.id, name: row.name, dueAt, snoozed: dueAt === row.snoozedUntil });
    }
    return scheduled.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async due(now: Date): Promise<DueProject[]> {
    return (await this.scheduled()).filter((project) => project.dueAt <= now);
  }

  /** Records the reminder: the next one counts from `at`, and any snooze is used up. */
  markReminded(id: number, at: Date) {
    return this.updateKeepingUpdatedAt(id, { status: "active" }, { lastRemindedAt: at, snoozedUntil: null });
  }

  /** Ideas and active projects with a deadline: what the countdown looks at. */
  async countdowns(): Promise<Countdown[]> {
    const rows = await this.db.project.findMany({
      where: { status: { in: ["idea", "active"] }, deadlineDate: { not: null } },
      select: { id: true, deadlineDate: true, deadlineTime: true, deadlineSnoozedUntil: true },
      orderBy: { id: "asc" },
    });
    return rows.flatMap((row) => {
      const deadline = deadlineOf(row.deadlineDate, row.deadlineTime);
      return deadline ? [{ id: row.id, deadline, snoozedUntil: row.deadlineSnoozedUntil }] : [];
    });
  }

  /** Silences a project's deadline countdown until `until` (false: it has no deadline any more, or is archived). */
  async snoozeDeadline(id: number, until: Date): Promise<boolean> {
    const where = { status: { in: ["idea", "active"] }, deadlineDate: { not: null } };
    return (await this.updateKeepingUpdatedAt(id, where, { deadlineSnoozedUntil: until })) === 1;
  }

  /** Snoozes an active project's reminder, or hides an idea from the digest, until `until`. */
  async snooze(id: number, status: "active" | "idea", until: Date): Promise<boolean> {
    return (await this.updateKeepingUpdatedAt(id, { status }, { snoozedUntil: until })) === 1;
  }

  async ideaDigest(now: Date): Promise<IdeaDigest> {
    const { timeZone } = await this.settings();
    const [recent, stale, dated] = await Promise.all([
      this.db.project.count({ where: { status: "idea", createdAt: { gte: new Date(now.getTime() - WEEK_MS) } } }),
      this.db.project.findMany({
        where: {
          status: "idea",
          updatedAt: { lt: new Date(now.getTime() - WEEK_MS) },
          OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }],
        },
        orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
        take: 3,
        select: { id: true, name: true },
      }),
      this.db.project.findMany({
        where: { status: { in: ["idea", "active"] }, deadlineDate: { not: null } },
        orderBy: [{ deadlineDate: "asc" }, { id: "asc" }],
        select: { id: true, name: true, deadlineDate: true, deadlineTime: true },
      }),
    ]);
    // The coming week's deadlines, and those already missed.
    const deadlines = dated.flatMap(({ id, name, deadlineDate, deadlineTime }) => {
      const deadline = deadlineOf(deadlineDate, deadlineTime);
      return deadline && daysLeft(deadline, now, timeZone) <= 7 ? [{ id, name, deadline }] : [];
    });
    return { recent, stale, deadlines: deadlines.slice(0, DIGEST_DEADLINES), timeZone };
  }

  /**
   * Takes the reminder with this key for this process: "claimed", "busy"
   * (another process has it) or "sent" (it already went out). A claim left
   * unsent longer than `leaseMs` (its process died mid-send) can be taken over.
   */
  async claim(key: string, now: Date, leaseMs: number): Promise<"claimed" | "busy" | "sent"> {
    try {
      await this.db.reminderClaim.create({ data: { key, claimedAt: now } });
      return "claimed";
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const { count } = await this.db.reminderClaim.updateMany({
      where: { key, sentAt: null, claimedAt: { lt: new Date(now.getTime() - leaseMs) } },
      data: { claimedAt: now },
    });
    if (count === 1) return "claimed";
    const existing = await this.db.reminderClaim.findUnique({ where: { key } });
    return existing?.sentAt ? "sent" : "busy";
  }

  async markSent(key: string, at: Date): Promise<void> {
    await this.db.reminderClaim.updateMany({ where: { key }, data: { sentAt: at } });
  }

  /** A failed send gives the reminder back, so the next check tries again. */
  async release(key: string): Promise<void> {
    await this.db.reminderClaim.deleteMany({ where: { key, sentAt: null } });
  }

  async forgetSentBefore(before: Date): Promise<void> {
    await this.db.reminderClaim.deleteMany({ where: { sentAt: { lt: before } } });
  }

  /** A digest waiting to go out (deferred by quiet hours, or "remind me tomorrow"). */
  async digestPending(): Promise<Date | null> {
    const row = await this.db.setting.findUnique({ where: { key: KEY.digestPending } });
    return this.read(KEY.digestPending, row?.value, readInstant) ?? null;
  }

  setDigestPending(at: Date) {
    return this.put(KEY.digestPending, at.toISOString());
  }

  /** Clears the pending digest only if it is still the one that was sent (a newer snooze survives). */
  async clearDigestPending(at: Date): Promise<void> {
    await this.db.setting.deleteMany({ where: { key: KEY.digestPending, value: at.toISOString() } });
  }

  async digestLastSlot(): Promise<Date | null> {
    const row = await this.db.setting.findUnique({ where: { key: KEY.digestLast } });
    return this.read(KEY.digestLast, row?.value, readInstant) ?? null;
  }

  setDigestLastSlot(at: Date) {
    return this.put(KEY.digestLast, at.toISOString());
  }

  private async put(key: string, value: string): Promise<void> {
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /**
   * Reminder bookkeeping is not an edit of the project: updatedAt (which
   * orders stale ideas and tells the Notion mirror about local edits) stays.
   */
  private async updateKeepingUpdatedAt(
    id: number,
    where: { status: string | { in: string[] }; deadlineDate?: { not: null } },
    data: { lastRemindedAt?: Date; snoozedUntil?: Date | null; deadlineSnoozedUntil?: Date },
  ): Promise<number> {
    const row = await this.db.project.findUnique({ where: { id }, select: { updatedAt: true } });
    if (!row) return 0;
    const { count } = await this.db.project.updateMany({
      where: { id, ...where },
      data: { ...data, updatedAt: row.updatedAt },
    });
    return count;
  }
}
