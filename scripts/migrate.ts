// `npm run migrate` (Heroku release phase): applies pending migrations to DATABASE_URL.
import dotenv from "dotenv";
import { applyMigrations } from "../src/db/migrations.ts";

const DEFAULT_DATABASE_URL = "file:./data/designflow.db";

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const { applied } = await applyMigrations(url, (line) => console.log(line));
  console.log(
    applied.length === 0
      ? "database is up to date"
      : `applied ${applied.length} migration${applied.length === 1 ? "" : "s"}; database is up to date`,
  );
}

main().catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
