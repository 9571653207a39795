import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/database-url.ts";
import { applyMigrations } from "../../src/db/migrations.ts";
import Database from "better-sqlite3";

/** Rows from the session's SQLite file (opened read-write per query, like a second process would). */
export function sqliteRows<T>(databaseUrl: string, query: string, ...params: unknown[]): T[] {
  const handle = new Database(databaseUrl.slice("file:".length));
  try {
    return handle.prepare(query).all(...params) as T[];
  } finally {
    handle.close();
  }
}

/** Runs one statement on the session's SQLite file and returns the last inserted row id. */
export function sqliteRun(databaseUrl: string, query: string, ...params: unknown[]): number {
  const handle = new Database(databaseUrl.slice("file:".length));
  try {
    return Number(handle.prepare(query).run(...params).lastInsertRowid);
  } finally {
    handle.close();
  }
}

/** A migrated SQLite database in a temp folder, with the bot's own client; `drop` disconnects and removes it. */
export async function migratedSqlite(prefix: string): Promise<{ db: Db; drop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const url = `file:${join(dir, "bot.db")}`;
  await applyMigrations(url);
  const db = await createDb(parseDatabaseUrl(url));
  return {
    db,
    async drop() {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
