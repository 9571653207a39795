// `npm run import -- file.zip`: restores an /export archive into an EMPTY database (DATABASE_URL).
import { readFileSync } from "node:fs";
import dotenv from "dotenv";
import { applyMigrations } from "../src/db/migrations.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/database-url.ts";
import { importArchive, readArchive } from "../src/db/data-archive.ts";

const DEFAULT_DATABASE_URL = "file:./data/designflow.db";

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: npm run import -- <designflow-export-YYYY-MM-DD.zip>");
    process.exitCode = 2;
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
    });
  }
  readArchive(bytes); // a damaged file is refused before the database is touched
  dotenv.config({ quiet: true });
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await applyMigrations(url, (line) => console.log(line));
  const db = await createDb(parseDatabaseUrl(url));
  try {
    const counts = await importArchive(db, bytes);
    const summary = Object.entries(counts)
      .map(([table, count]) => `${table}: ${count}`)
      .join(", ");
    console.log(`imported ${path} → ${summary || "nothing (empty export)"}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`import: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exitCode = 1;
});
