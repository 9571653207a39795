// `npm run import -- file.zip`: restores an /export archive into an EMPTY database (DATABASE_URL).
import { readFileSync, statSync } from "node:fs";
import dotenv from "dotenv";
import { applyMigrations } from "../src/db/migrations.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/database-url.ts";
import { ARCHIVE_MAX_BYTES, ArchiveError, importArchive, readArchive } from "../src/db/data-archive.ts";

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
    // Sized before it is read: a file far over any export never reaches memory.
    if (statSync(path).size > ARCHIVE_MAX_BYTES)
      throw new ArchiveError(`${path} is over ${ARCHIVE_MAX_BYTES / (1024 * 1024)} MB: not an archive /export makes`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
    });
  }
  const archive = readArchive(bytes); // a damaged file is refused before the database is touched
  dotenv.config({ quiet: true });
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await applyMigrations(url, (line) => console.log(line));
  const db = await createDb(parseDatabaseUrl(url));
  try {
    const counts = await importArchive(db, archive);
    const summary = Object.entries(counts)
      .map(([table, count]) => `${table}: ${count}`)
      .join(", ");
    console.log(`imported ${path} → ${summary || "nothing (empty export)"}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  // An archive's problems are listed in full (one line per bad row); anything else by its first line (Prisma's
  // messages run to pages).
  const message = error instanceof ArchiveError ? error.message : (error as Error)?.message?.split("\n")[0];
  console.error(`import: ${message || String(error)}`);
  process.exitCode = 1;
});
