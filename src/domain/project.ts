/** What a project is, everywhere: statuses, limits, and the plain views the layers pass each other. */
import type { Deadline } from "./deadline.ts";

export const PROJECT_STATUSES = ["idea", "active", "archived"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type ArchiveReason = "completed" | "cancelled";
export const REMINDER_INTERVALS = [1, 7, 14, 30] as const;

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 3000;
export const SEARCH_QUERY_MAX = 200;
export const PAGE_SIZE = 8;

/** Plain-JSON view of a project (safe to return from conversation.external). */
export interface ProjectView {
  id: number;
  name: string;
  description: string;
  status: ProjectStatus;
  archiveReason: ArchiveReason | null;
  reminderIntervalDays: number | null;
  activatedAt: string | null;
  createdAt: string;
  /** Ideas and active projects may have one; an archived project keeps it for the record. */
  deadline: Deadline | null;
  notionPageId: string | null;
  /** The reference image: a photo, or an image sent as a file (shown as a document). */
  reference: { fileId: string; asDocument: boolean } | null;
  /** The newest saved moodboard's collage (a Telegram photo): the card's face when there is no reference image. */
  moodboard?: { fileId: string } | null;
  sync: "none" | "pending" | "failed" | "synced";
  /** How many attachments the owner can open from the card (renders, PDFs, notes). */
  attachments?: number;
}

export interface ProjectSnapshot {
  id: number;
  name: string;
  description: string;
  /** Paragraphs written after the description (notes and files attached in the bot), oldest first. */
  attachments?: string[];
  status: ProjectStatus;
  notionPageId: string | null;
  createdAt: string;
  /** The deadline in the owner's zone (Notion needs the zone for a time); undefined: not mirrored. */
  deadline?: (Deadline & { timeZone: string }) | null;
}
