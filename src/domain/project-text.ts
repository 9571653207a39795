import { DESCRIPTION_MAX, NAME_MAX } from "./project.ts";

export type Checked = { ok: true; value: string } | { ok: false; key: string; length?: number };

/** Trims and checks a project name: not blank, at most 200 characters (counted as the owner sees them). */
export function checkName(raw: string): Checked {
  const value = raw.trim();
  const length = [...value].length;
  if (length === 0) return { ok: false, key: "name-empty" };
  if (length > NAME_MAX) return { ok: false, key: "name-too-long", length };
  return { ok: true, value };
}

export function checkDescription(raw: string): Checked {
  const value = raw.trim();
  const length = [...value].length;
  if (length === 0) return { ok: false, key: "description-empty" };
  if (length > DESCRIPTION_MAX) return { ok: false, key: "description-too-long", length };
  return { ok: true, value };
}
