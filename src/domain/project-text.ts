import { DESCRIPTION_MAX, NAME_MAX, SEARCH_QUERY_MAX } from "./project.ts";

export type Checked = { ok: true; value: string } | { ok: false; key: string; length?: number; max?: number };

/**
 * The one check of what the owner types: trimmed, not blank, at most `max` characters counted as the owner sees
 * them (code points). `keys` name the refusals' texts.
 */
export function checkTextWithin(raw: string, max: number, keys: { empty: string; tooLong: string }): Checked {
  const value = raw.trim();
  const length = [...value].length;
  if (length === 0) return { ok: false, key: keys.empty };
  if (length > max) return { ok: false, key: keys.tooLong, length, max };
  return { ok: true, value };
}

const checkText = (raw: string, max: number, prefix: string): Checked =>
  checkTextWithin(raw, max, { empty: `${prefix}-empty`, tooLong: `${prefix}-too-long` });

/** A project name (/new, edit, voice ideas): at most 200 characters. */
export const checkName = (raw: string): Checked => checkText(raw, NAME_MAX, "project-name");

export const checkDescription = (raw: string): Checked => checkText(raw, DESCRIPTION_MAX, "project-description");

/** What /find looks for. */
export const checkQuery = (raw: string): Checked => checkText(raw, SEARCH_QUERY_MAX, "find");
