/**
 * What a restored archive's rows must be before any is written: of the right type field by field, with the values
 * the bot itself would have stored (statuses, settings, JSON payloads), and each primary key once. One line per bad
 * row, so the owner can see what to fix; nothing is written while any line remains.
 */
import { isLocale } from "../domain/locale.ts";
import { readDigestTime, readInstant, readJsonObject, readQuietHours, readTimeZone } from "../domain/stored-values.ts";
import { PROJECT_STATUSES } from "../domain/project.ts";
import { deadlineOf } from "../domain/deadline.ts";
import { REMINDER_SETTING_KEY } from "./reminder-repository.ts";
import { WATERMARK_KEY } from "./notion-pull-repository.ts";

type Row = Record<string, unknown>;

/** Settings the bot reads back, each with the reader it uses; other keys are kept as they are. */
const SETTING_READERS: [RegExp | string, (text: string) => unknown][] = [
  [REMINDER_SETTING_KEY.timeZone, readTimeZone],
  [REMINDER_SETTING_KEY.quiet, readQuietHours],
  [REMINDER_SETTING_KEY.digest, readDigestTime],
  [REMINDER_SETTING_KEY.digestPending, readInstant],
  [REMINDER_SETTING_KEY.digestLast, readInstant],
  [WATERMARK_KEY, readInstant],
  [/^locale:\d+$/, (text) => (isLocale(text) ? text : undefined)],
  ["texts:lang", (text) => (isLocale(text) ? text : undefined)],
];

/** Columns whose text the bot parses as a JSON object. */
const JSON_COLUMNS: Record<string, string[]> = {
  SyncJob: ["payload"],
  AiDraft: ["data"],
  ProjectAsset: ["meta"],
};

const ALLOWED: Record<string, Record<string, readonly (string | null)[]>> = {
  Project: { status: PROJECT_STATUSES, archiveReason: ["completed", "cancelled", null] },
  SyncJob: { kind: ["upsert", "trash"], state: ["pending", "failed"] },
  NotionPageOffer: { state: ["new", "offered", "ignored", "imported"] },
};

const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
  Int: (value) => Number.isSafeInteger(value),
  String: (value) => typeof value === "string",
  Boolean: (value) => typeof value === "boolean",
  DateTime: (value) => typeof value === "string" && !Number.isNaN(new Date(value).getTime()),
  BigInt: (value) => /^-?\d+$/.test(String(value)),
  Bytes: (value) =>
    typeof value === "object" && value !== null && typeof (value as { file?: unknown }).file === "string",
};

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

function settingProblem(row: Row): string | undefined {
  const key = String(row.key);
  const rule = SETTING_READERS.find(([pattern]) => (typeof pattern === "string" ? pattern === key : pattern.test(key)));
  if (!rule || typeof row.value !== "string") return undefined;
  return rule[1](row.value) === undefined ? `${key} = ${shown(row.value)} is not a value the bot can read` : undefined;
}

/** A deadline the bot would not have stored: a day that is not YYYY-MM-DD, a time that is not HH:MM. */
function deadlineProblems(row: Row): string[] {
  const { deadlineDate: date, deadlineTime: time } = row;
  const problems: string[] = [];
  if (date != null && (typeof date !== "string" || !deadlineOf(date)))
    problems.push(`deadlineDate = ${shown(date)} is not a day (YYYY-MM-DD)`);
  if (time != null && (typeof time !== "string" || deadlineOf("2000-01-01", time)?.time !== time))
    problems.push(`deadlineTime = ${shown(time)} is not a time (HH:MM)`);
  return problems;
}

/** The problems of one row, by the field types of its table and the rules above. */
function problemsOf(table: string, row: Row, fields: Record<string, string>): string[] {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return ["not an object"];
  const problems: string[] = [];
  for (const [field, type] of Object.entries(fields)) {
    const value = row[field];
    if (value === undefined || value === null) continue;
    if (!(TYPE_CHECKS[type]?.(value) ?? true)) problems.push(`${field} = ${shown(value)} is not a ${type}`);
  }
  for (const [field, allowed] of Object.entries(ALLOWED[table] ?? {}))
    if (field in row && !allowed.includes(row[field] as string | null))
      problems.push(`${field} = ${shown(row[field])} is not one of ${allowed.join(", ")}`);
  for (const field of JSON_COLUMNS[table] ?? [])
    if (typeof row[field] === "string" && readJsonObject(row[field]) === undefined)
      problems.push(`${field} is not a JSON object`);
  if (table === "Setting") {
    const problem = settingProblem(row);
    if (problem) problems.push(problem);
  }
  if (table === "Project") problems.push(...deadlineProblems(row));
  return problems;
}

/** Every bad row of one table as "Table row N (id X): what is wrong", duplicates of the primary key included. */
export function tableProblems(table: string, rows: unknown[], fields: Record<string, string>, key: string): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, index) => {
    const row = raw as Row;
    const id = typeof row === "object" && row !== null ? row[key] : undefined;
    const where = `${table} row ${index + 1} (${key} ${shown(id)})`;
    const problems = problemsOf(table, row, fields);
    if (id !== undefined && seen.has(JSON.stringify(id))) problems.push(`${key} appears twice`);
    if (id !== undefined) seen.add(JSON.stringify(id));
    if (id === undefined || id === null) problems.push(`no ${key}`);
    if (problems.length) lines.push(`${where}: ${problems.join("; ")}`);
  });
  return lines;
}
