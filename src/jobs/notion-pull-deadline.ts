import type { LinkedProject } from "../db/notion-pull-repository.ts";
import type { PulledPage } from "../services/notion/notion-pull-source.ts";
import { deadlineFromIso, deadlineKey, type Deadline } from "../domain/deadline.ts";

/** What the pull makes of the page's deadline column against the project's deadline. */
export interface DeadlineVerdict {
  /** Changed in Notion since the bot last wrote or read it. */
  edited: boolean;
  /** Notion's value is taken (the local one was not changed meanwhile, or Notion's edit is newer). */
  take: boolean;
  /** Changed on both sides and the local one is newer: Notion gets the local deadline again. */
  localWins: boolean;
  /** The value taken (null: cleared in Notion). */
  value?: Deadline | null;
  /** What Notion shows, to record as the new baseline (undefined: no deadline column). */
  shows?: string;
}

/**
 * Field by field like titles and statuses: an edit is a difference from what the bot last wrote (recorded once the
 * column has been written; before that nothing counts as edited), and a field changed on both sides goes to the
 * newer edit. Notion's moments are read in the owner's zone.
 */
export function reconcileDeadline(
  project: LinkedProject,
  page: PulledPage,
  timeZone: string,
  notionIsNewer: boolean,
): DeadlineVerdict {
  if (page.deadline === undefined) return { edited: false, take: false, localWins: false };
  const value = page.deadline === null ? null : deadlineFromIso(page.deadline, timeZone);
  const shows = deadlineKey(value);
  const edited = project.syncedDeadline !== null && shows !== project.syncedDeadline;
  const local = project.deadlineKey;
  const take = edited && shows !== local && (local === project.syncedDeadline || notionIsNewer);
  const localWins = edited && !take && shows !== local;
  return { edited, take, localWins, shows, ...(take ? { value } : {}) };
}
