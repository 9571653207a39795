import Database from "better-sqlite3";
import type { BotSession } from "./session.ts";
import type { RecordedCall } from "./fake-bot-api.ts";

/** Runs one statement on the bot's SQLite file and closes it again. */
export function sqlite(session: BotSession) {
  const file = session.databaseUrl.slice("file:".length);
  const withDb = <T>(fn: (d: Database.Database) => T): T => {
    const handle = new Database(file);
    handle.pragma("busy_timeout = 5000");
    try {
      return fn(handle);
    } finally {
      handle.close();
    }
  };
  return {
    get: (sql: string, ...params: unknown[]) => withDb((d) => d.prepare(sql).get(...params)) as Record<string, any>,
    all: (sql: string, ...params: unknown[]) => withDb((d) => d.prepare(sql).all(...params)) as Record<string, any>[],
    run: (sql: string, ...params: unknown[]) => withDb((d) => d.prepare(sql).run(...params)),
    project(
      name: string,
      fields: {
        status?: string;
        interval?: number | null;
        activatedAt?: string | null;
        lastRemindedAt?: string | null;
        updatedAt?: string;
        createdAt?: string;
      },
    ): number {
      const now = new Date().toISOString();
      const result = this.run(
        "INSERT INTO Project (name, description, status, reminderIntervalDays, activatedAt, lastRemindedAt, createdAt, updatedAt) VALUES (?, '', ?, ?, ?, ?, ?, ?)",
        name,
        fields.status ?? "active",
        fields.interval === undefined ? 7 : fields.interval,
        fields.activatedAt ?? null,
        fields.lastRemindedAt ?? null,
        fields.createdAt ?? now,
        fields.updatedAt ?? now,
      );
      return Number(result.lastInsertRowid);
    },
  };
}

export const remindersAbout = (session: BotSession, name: string): RecordedCall[] =>
  session.api
    .callsOf("sendMessage")
    .filter(
      (call) =>
        String(call.payload.text).includes(`«${name}»`) && String(call.payload.text).startsWith("⏰ Как продвигается"),
    );
