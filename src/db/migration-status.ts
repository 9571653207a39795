import { readdir } from "node:fs/promises";
import type { Db } from "./client.ts";
import { migrationsDir, type Provider } from "./migrations.ts";

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * True when every migration folder is recorded as finished in _prisma_migrations
 * and none is half-applied. Checked with the bot's own client so that an
 * up-to-date database (every boot but the first after a deploy) never loads
 * Prisma's WASM schema engine, which stays resident (~15 MB) once instantiated.
 */
export async function migrationsUpToDate(db: Db, provider: Provider): Promise<boolean> {
  let rows: MigrationRow[];
  try {
    rows = await db.$queryRawUnsafe<MigrationRow[]>(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
    );
  } catch {
    return false; // no table yet: a fresh database
  }
  const entries = await readdir(migrationsDir(provider), { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const isDone = (row: MigrationRow) => row.finished_at !== null && row.rolled_back_at === null;
  // A failed migration: let the engine report it.
  if (rows.some((row) => !isDone(row) && row.rolled_back_at === null)) return false;
  const done = new Set(rows.filter(isDone).map((row) => row.migration_name));
  return folders.length > 0 && folders.every((name) => done.has(name));
}
