import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { PrismaClient } from "../generated/sqlite/client.ts";
import type { DatabaseTarget } from "./database-url.ts";

/**
 * Both generated clients expose the same model API (one shared model file);
 * the SQLite client's type stands for either.
 */
export type Db = PrismaClient;

export async function createDb(target: DatabaseTarget): Promise<Db> {
  if (target.provider === "sqlite") {
    mkdirSync(dirname(target.file), { recursive: true });
    const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
      import("../generated/sqlite/client.ts"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: 5000 });
    const db = new PrismaClient({ adapter });
    // WAL lets the reminder scan and the bot read while a write is in flight.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    return db;
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("../generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = new PrismaPg({
    connectionString: target.connectionString,
    ssl: target.ssl,
    max: 5,
    connectionTimeoutMillis: 5000,
  });
  return new PrismaClient({ adapter }) as unknown as Db;
}
