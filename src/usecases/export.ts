/**
 * Everything the owner has, as one dated ZIP that `npm run import` reads back. Long work (every Telegram file is
 * downloaded and copied in): run by a job, never inside an update.
 */
import type { Db } from "../db/client.ts";
import { exportArchive } from "../db/data-archive.ts";

/** The archive is one Telegram upload (50 MB at most): file copies stop well before that. */
const COPY_BUDGET_BYTES = 40 * 1024 * 1024;

export interface OwnerExport {
  zip: Uint8Array;
  /** `designflow-export-YYYY-MM-DD.zip`, dated in the owner's zone. */
  fileName: string;
  date: string;
  counts: Record<string, number>;
  /** How many Telegram files were copied into the archive. */
  copied: number;
}

/** YYYY-MM-DD in the owner's time zone (their calendar day, not UTC's). */
export function exportDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(now);
}

export async function exportAll(
  db: Db,
  now: Date,
  timeZone: string,
  download: (telegramFileId: string) => Promise<Uint8Array>,
  /** Files for the owner beside the data (the deadlines' .ics), by path in the archive. */
  extras: Record<string, Uint8Array> = {},
): Promise<OwnerExport> {
  const copies = { download, budgetBytes: COPY_BUDGET_BYTES };
  const { zip, counts, copied } = await exportArchive(db, now, copies, extras);
  const date = exportDate(now, timeZone);
  return { zip, fileName: `designflow-export-${date}.zip`, date, counts, copied };
}
