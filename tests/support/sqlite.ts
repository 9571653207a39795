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
