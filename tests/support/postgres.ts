import { appendFileSync } from "node:fs";
import { join, relative } from "node:path";
import pg from "pg";
import { expect, inject } from "vitest";

/** The admin URL of the run's Postgres (TEST_PG_URL, the local server or the embedded one: global-setup.ts). */
export function pgAdminUrl(): string {
  return inject("pgAdminUrl");
}

/** One line per database made, so the run's end can say how many Postgres tests ran and where. */
export function noteDatabase(name: string): void {
  const testFile = relative(process.cwd(), expect.getState().testPath ?? "unknown");
  appendFileSync(join(inject("pgUsageDir"), `${process.pid}.log`), `${testFile}\t${name}\n`);
}

/** Creates an empty database for one test file on the run's server; drop() removes it. */
export async function createTestDatabase(
  prefix = "designflow_t",
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const adminUrl = pgAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  noteDatabase(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: pgAdminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Cuts every connection to the database, as a Postgres restart would. */
export async function terminateConnections(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
  } finally {
    await client.end();
  }
}
