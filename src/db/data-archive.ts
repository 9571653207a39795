import { zip as zipAsync, strToU8, strFromU8, type AsyncZippable } from "fflate";
import { UnzipRefused, unzipBounded } from "./archive-unzip.ts";
import { tableProblems } from "./archive-rows.ts";
import { type TelegramFileCopies, copyTelegramFiles } from "./archive-telegram-files.ts";
import type { Db } from "./client.ts";

/**
 * The export format: `data.json` holds every table of the data model (except
 * flow state, which belongs to one running bot) with typed field lists; binary
 * columns go to `files/<Model>/<row>/<field>.bin`. Tables are read from the
 * client's own data model, so fields and models added later travel without
 * changes here.
 */
export const ARCHIVE_FORMAT = "designflow-export";
export const ARCHIVE_VERSION = 1;
const DATA_FILE = "data.json";
/**
 * What an import holds at most (≤ 450 MB with the archive itself): the owner's rows are a few MB of JSON (parsed,
 * several times that), the copied Telegram files at most 40 MB, templates a few MB each.
 */
export const ARCHIVE_MAX_BYTES = 150 * 1024 * 1024;
const UNZIP_CAPS = {
  entryBytes: 50 * 1024 * 1024,
  totalBytes: 200 * 1024 * 1024,
  perEntry: { [DATA_FILE]: 32 * 1024 * 1024 },
};
/** The bad rows an import names before it stops listing them. */
const PROBLEMS_SHOWN = 50;
/** Work in flight, not the owner's data: a flow's replay log and the jobs a running bot was doing. */
const SKIPPED_MODELS = new Set(["ConversationState", "BackgroundJob"]);

type Field = { name: string; kind: string; type: string };
type RuntimeModel = { fields: Field[] };
type Row = Record<string, unknown>;
type Delegate = {
  findMany(args?: object): Promise<Row[]>;
  count(): Promise<number>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
};

export interface ArchiveTable {
  fields: Record<string, string>;
  rows: Row[];
}

export interface ArchiveData {
  format: string;
  version: number;
  exportedAt: string;
  tables: Record<string, ArchiveTable>;
}

export class ArchiveError extends Error {}

/** An archive unpacked and its data.json parsed (read once, then checked and imported). */
export interface ReadArchive {
  data: ArchiveData;
  files: Record<string, Uint8Array>;
}

function runtimeModels(db: Db): Record<string, RuntimeModel> {
  const models = (db as unknown as { _runtimeDataModel?: { models?: Record<string, RuntimeModel> } })._runtimeDataModel
    ?.models;
  if (!models) throw new Error("the Prisma client exposes no data model");
  return models;
}

const delegate = (db: Db, model: string) =>
  (db as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];
const scalars = (model: RuntimeModel) => model.fields.filter((field) => field.kind === "scalar");

/** Models ordered so that a row's parent (relation field `x` with a scalar `xId`) is inserted before it. */
function insertionOrder(models: Record<string, RuntimeModel>): string[] {
  const names = Object.keys(models)
    .filter((name) => !SKIPPED_MODELS.has(name))
    .sort();
  const parents = (name: string) =>
    models[name].fields
      .filter(
        (f) => f.kind === "object" && models[name].fields.some((s) => s.kind === "scalar" && s.name === `${f.name}Id`),
      )
      .map((f) => f.type);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents(name)) if (names.includes(parent)) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

function primaryKeyOf(row: Row, model: RuntimeModel): string {
  const key = scalars(model)[0].name;
  return String(row[key]).replace(/[^\w-]/g, "_");
}

/** Reads the whole database into a ZIP archive; `counts` tells how many rows each table gave. */
export async function exportArchive(
  db: Db,
  now = new Date(),
  copies?: TelegramFileCopies,
  extras: Record<string, Uint8Array> = {},
): Promise<{ zip: Uint8Array; counts: Record<string, number>; copied: number }> {
  const models = runtimeModels(db);
  const tables: ArchiveData["tables"] = {};
  const files: Record<string, Uint8Array> = {};
  const counts: Record<string, number> = {};
  for (const name of insertionOrder(models)) {
    const model = models[name];
    const fields = Object.fromEntries(scalars(model).map((f) => [f.name, f.type]));
    const id = scalars(model)[0].name;
    const rows = await delegate(db, name).findMany({ orderBy: { [id]: "asc" } });
    tables[name] = {
      fields,
      rows: rows.map((row) => {
        const out: Row = {};
        for (const [field, type] of Object.entries(fields)) {
          const value = row[field];
          if (value === null || value === undefined) out[field] = null;
          else if (type === "Bytes") {
            const path = `files/${name}/${primaryKeyOf(row, model)}/${field}.bin`;
            files[path] = value as Uint8Array;
            out[field] = { file: path };
          } else if (value instanceof Date) out[field] = value.toISOString();
          else if (typeof value === "bigint") out[field] = value.toString();
          else out[field] = typeof value === "object" && type === "Decimal" ? String(value) : value;
        }
        return out;
      }),
    };
    counts[name] = rows.length;
  }
  const data: ArchiveData = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString(), tables };
  const telegram = copies ? await copyTelegramFiles(db, copies) : { files: {}, manifest: [] };
  const entries: Record<string, Uint8Array> = {
    [DATA_FILE]: strToU8(JSON.stringify(data, null, 1)),
    ...files,
    ...telegram.files,
    ...extras,
  };
  if (copies) entries["telegram/files.json"] = strToU8(JSON.stringify(telegram.manifest, null, 1));
  const zip = await zipInWorkers(entries, now);
  return { zip, counts, copied: Object.keys(telegram.files).length };
}

/**
 * Compressed off the event loop (fflate's async zip runs each entry in a worker), so a big archive never holds up the
 * bot's updates. Only the JSON is deflated (one worker each); files (photos, PDFs, fonts) are stored as they are.
 */
function zipInWorkers(entries: Record<string, Uint8Array>, mtime: Date): Promise<Uint8Array> {
  const packed: AsyncZippable = {};
  for (const [path, bytes] of Object.entries(entries)) packed[path] = [bytes, { level: /\.json$/i.test(path) ? 6 : 0 }];
  return new Promise((resolve, reject) =>
    zipAsync(packed, { mtime }, (error, zipped) => (error ? reject(error) : resolve(zipped))),
  );
}

/** Parses and checks an archive without touching a database. */
export function readArchive(bytes: Uint8Array): ReadArchive {
  if (bytes.length > ARCHIVE_MAX_BYTES)
    throw new ArchiveError(`the file is over ${ARCHIVE_MAX_BYTES / (1024 * 1024)} MB: not an archive /export makes`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipBounded(bytes, UNZIP_CAPS);
  } catch (error) {
    if (error instanceof UnzipRefused) throw new ArchiveError(error.message);
    throw new ArchiveError("the file is not a ZIP archive (expected the .zip sent by /export)");
  }
  const raw = files[DATA_FILE];
  if (!raw) throw new ArchiveError(`the archive has no ${DATA_FILE}: it was not made by /export`);
  let data: ArchiveData;
  try {
    data = JSON.parse(strFromU8(raw));
  } catch {
    throw new ArchiveError(`${DATA_FILE} in the archive is not valid JSON (damaged archive?)`);
  }
  if (data?.format !== ARCHIVE_FORMAT || typeof data.tables !== "object" || data.tables === null)
    throw new ArchiveError(`${DATA_FILE} is not a Designflow export`);
  if (data.version !== ARCHIVE_VERSION)
    throw new ArchiveError(
      `export format version ${data.version} is not supported ` +
        `(this bot reads version ${ARCHIVE_VERSION}); update the bot first`,
    );
  return { data, files };
}

/** Tables of the target database that already hold rows (import only restores into an empty database). */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const busy: string[] = [];
  for (const name of insertionOrder(runtimeModels(db))) if ((await delegate(db, name).count()) > 0) busy.push(name);
  return busy;
}

function reviveRow(table: string, row: Row, fields: Record<string, string>, files: Record<string, Uint8Array>): Row {
  const out: Row = {};
  for (const [field, type] of Object.entries(fields)) {
    if (!(field in row)) continue; // a field added after the export keeps its default
    const value = row[field];
    if (value === null) out[field] = null;
    else if (type === "DateTime") out[field] = new Date(String(value));
    else if (type === "BigInt") out[field] = BigInt(String(value));
    else if (type === "Bytes") {
      const path = (value as { file?: string }).file ?? "";
      if (!files[path]) throw new ArchiveError(`${table}: the archive lacks the file ${path}`);
      out[field] = files[path];
    } else out[field] = value;
  }
  return out;
}

/** Every reason the archive's tables cannot be restored as they are, one line per bad table or row. */
function archiveProblems(data: ArchiveData, models: Record<string, RuntimeModel>): string[] {
  const problems: string[] = [];
  for (const [name, table] of Object.entries(data.tables)) {
    // Own names only: a table called "__proto__" or "constructor" is not a model.
    const model = Object.hasOwn(models, name) && !SKIPPED_MODELS.has(name) ? models[name] : undefined;
    if (!model) {
      problems.push(
        `the archive has a table ${JSON.stringify(name)} this bot does not know (made by a newer version?)`,
      );
      continue;
    }
    const known = new Set(scalars(model).map((f) => f.name));
    const unknown = Object.keys(table?.fields ?? {}).filter((f) => !known.has(f));
    if (unknown.length)
      problems.push(`${name}: fields ${unknown.join(", ")} are unknown to this bot (made by a newer version?)`);
    else if (!Array.isArray(table?.rows)) problems.push(`${name}: rows are missing`);
    else {
      const fields = Object.fromEntries(scalars(model).map((f) => [f.name, f.type]));
      problems.push(...tableProblems(name, table.rows, fields, scalars(model)[0].name));
    }
  }
  return problems;
}

/**
 * Restores a read archive into an empty database in one transaction; returns rows per table. Nothing is written
 * while any row is bad: the error lists them, one line each.
 */
export async function importArchive(db: Db, archive: ReadArchive): Promise<Record<string, number>> {
  const { data, files } = archive;
  const models = runtimeModels(db);
  const problems = archiveProblems(data, models);
  if (problems.length) {
    const more = problems.length > PROBLEMS_SHOWN ? [`…and ${problems.length - PROBLEMS_SHOWN} more`] : [];
    throw new ArchiveError(
      [`${problems.length} problem(s); nothing was imported`, ...problems.slice(0, PROBLEMS_SHOWN), ...more].join("\n"),
    );
  }
  const busy = await nonEmptyTables(db);
  if (busy.length)
    throw new ArchiveError(
      `the database is not empty (${busy.join(", ")} have rows); import restores into an empty database only`,
    );
  const counts: Record<string, number> = {};
  await db.$transaction(
    async (tx) => {
      for (const name of insertionOrder(models)) {
        const table = Object.hasOwn(data.tables, name) ? data.tables[name] : undefined;
        if (!table) continue;
        const fields = Object.fromEntries(scalars(models[name]).map((f) => [f.name, f.type]));
        const rows = table.rows.map((row) => reviveRow(name, row, fields, files));
        for (let i = 0; i < rows.length; i += 500)
          await delegate(tx as Db, name).createMany({ data: rows.slice(i, i + 500) });
        counts[name] = rows.length;
      }
    },
    { timeout: 120_000 },
  );
  await resetSequences(db, models);
  return counts;
}

/** Postgres serial counters do not move on explicit ids; SQLite's AUTOINCREMENT table does by itself. */
async function resetSequences(db: Db, models: Record<string, RuntimeModel>): Promise<void> {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider !== "postgresql") return;
  for (const name of insertionOrder(models)) {
    if (!scalars(models[name]).some((f) => f.name === "id" && f.type === "Int")) continue;
    await db.$queryRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), ` +
        `COALESCE((SELECT MAX(id) FROM "${name}"), 0) + 1, false)`,
    );
  }
}
