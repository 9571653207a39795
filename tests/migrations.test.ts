import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  migrationsDir,
  projectRoot,
  schemaDrift,
  schemaFile,
  type Provider,
} from "../src/db/migrations.ts";
import { noteDatabase, pgAdminUrl } from "./support/postgres.ts";

async function admin(sql: string, connectionString = pgAdminUrl()): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database of the provider; the returned function removes it. */
async function freshDatabase(provider: Provider): Promise<{ url: string; remove: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "designflow-mig-"));
    // A missing parent directory must be created by applyMigrations.
    return { url: `file:${join(dir, "nested", "bot.db")}`, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `designflow_mig_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  noteDatabase(name);
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), remove: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function execute(provider: Provider, url: string, sql: string): Promise<void> {
  if (provider === "postgres") return admin(sql, url);
  const sqlite = new Database(url.slice("file:".length));
  try {
    sqlite.exec(sql);
  } finally {
    sqlite.close();
  }
}

async function migrationNames(provider: Provider): Promise<string[]> {
  const entries = await readdir(migrationsDir(provider), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** What follows the generated header (generator and datasource blocks). */
async function modelSection(provider: Provider): Promise<string> {
  const text = await readFile(schemaFile(provider), "utf8");
  const end = /datasource db \{[^}]*\}\n\n/.exec(text);
  if (!end) throw new Error(`${schemaFile(provider)} has no datasource block`);
  return text.slice(end.index + end[0].length);
}

describe.each<Provider>(["sqlite", "postgres"])("migrations on a fresh %s database", (provider) => {
  let db: { url: string; remove: () => Promise<void> };
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.remove();
  });

  it("applies every migration once, then none, leaving no drift", async () => {
    const expected = await migrationNames(provider);
    const lines: string[] = [];
    expect((await applyMigrations(db.url, (line) => lines.push(line))).applied).toEqual(expected);
    expect(lines).toEqual(expected.map((name) => `applied migration ${name}`));
    expect((await applyMigrations(db.url)).applied).toEqual([]);
    expect((await schemaDrift(db.url)).trim()).toBe("");
  });

  it("reports drift as the SQL that repairs it", async () => {
    await execute(provider, db.url, `DROP INDEX "Project_status_createdAt_idx"`);
    expect(await schemaDrift(db.url)).toMatch(/CREATE INDEX "Project_status_createdAt_idx"/);
  });
});

describe("provider schemas and histories", () => {
  it("derive both schema files from prisma/models.prisma", async () => {
    const models = await readFile(join(projectRoot(), "prisma", "models.prisma"), "utf8");
    expect(await modelSection("sqlite")).toBe(models);
    expect(await modelSection("postgres")).toBe(models);
  });

  it("keep the same migration names for both providers", async () => {
    const sqlite = await migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(await migrationNames("postgres")).toEqual(sqlite);
  });
});

describe("migration errors", () => {
  it("reports an unreachable Postgres in one line without the password", async () => {
    const url = "postgresql://designflow:Top%24ecret-pw@127.0.0.1:1/designflow";
    const error = await applyMigrations(url).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(/127\.0\.0\.1:1/);
    expect(error?.message).not.toMatch(/\n/);
    expect(error?.message).not.toMatch(/Top(%24|\$)ecret/);
  });
});
