import type { ProjectView } from "../domain/project.ts";

/** "blocked": the owner blocked the bot (403) — retrying cannot help; "failed": worth another try later. */
export type Delivery = "sent" | "blocked" | "failed";

import type { IdeaDigest } from "../db/reminder-repository.ts";

/**
 * How jobs reach the owner(s): each message in the owner's language, with its buttons. Implemented by the bot
 * (src/bot/owner-messenger.ts), which owns texts and keyboards; jobs only say what to tell.
 */
export interface OwnerMessenger {
  projectReminder(project: ProjectView): Promise<Delivery>;
  /** The deadline's countdown: `daysLeft` 7, 3, 1, 0 (today) or negative (overdue by that many days). */
  deadlineReminder(project: ProjectView, countdown: { daysLeft: number; timeZone: string }): Promise<Delivery>;
  ideaDigest(digest: IdeaDigest, slot: Date): Promise<Delivery>;
}
