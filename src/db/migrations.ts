// Applies Prisma migrations and checks schema drift offline with Prisma's WASM
// schema engine, connected through the same driver adapters the bot uses.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  ErrorRegistry,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url.ts";

export type Provider = DatabaseTarget["provider"];

/** The datasource provider name Prisma writes into migration_lock.toml. */
export const lockfileProvider: Record<Provider, string> = { sqlite: "sqlite", postgres: "postgresql" };

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let cachedRoot: string | undefined;

/** The directory holding package.json, found from this file (src/db or dist/src/db). */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("migrations: cannot find the project root (package.json)");
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function migrationsDir(provider: Provider): string {
  return join(projectRoot(), "prisma", provider, "migrations");
}

export function schemaFile(provider: Provider): string {
  return join(projectRoot(), "prisma", provider, "schema.prisma");
}

/** Reads a migrations folder the way Prisma's CLI does (sorted folders, each with migration.sql). */
export async function listMigrations(dir: string): Promise<MigrationList> {
  const lockContent = await readFile(join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(join(dir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

type EngineClass = typeof SchemaEngine;
let engineClass: Promise<EngineClass> | undefined;

/**
 * Instantiates the engine from @prisma/schema-engine-wasm directly. Prisma's own
 * loader (used by SchemaEngineWasm.setup in @prisma/migrate) only looks for the
 * .wasm under @prisma/internals/build/, which the npm package does not ship, and
 * importing @prisma/internals alone costs ~200 ms at every start.
 */
function loadEngineClass(): Promise<EngineClass> {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      "./schema_engine_bg.js": withUnrefTimers(glue as unknown as WebAssembly.ModuleImports),
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

/**
 * The engine arms 10 s timers on Postgres (lock timeouts) and never clears them,
 * which would keep a finished CLI process alive; unref'd timers don't.
 */
function withUnrefTimers(glue: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const imports = { ...glue };
  for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
  }
  return imports;
}

/** Wraps the factory so every connection the engine opens can be closed afterwards. */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory, opened: SqlDriverAdapter[]) {
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  } satisfies SqlMigrationAwareDriverAdapterFactory;
}

async function adapterFactory(target: DatabaseTarget): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (target.provider === "sqlite") {
    await mkdir(dirname(target.file), { recursive: true });
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: target.file, timeout: 5000 });
  }
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    ssl: target.ssl,
    max: 1,
    connectionTimeoutMillis: 5000,
  });
  pool.on("connect", retypeCatalogChars);
  return new PrismaPg(pool, { disposeExternalPool: true });
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine reads Postgres catalogs, whose flag columns have the one-byte type
 * "char", which @prisma/adapter-pg rejects (the engine then fails with "Column
 * type 'char' could not be deserialized"). pg has already parsed those values as
 * strings, so the result is relabelled as text before the adapter sees it.
 */
function retypeCatalogChars(client: import("pg").PoolClient): void {
  const relabel = (result: unknown) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      for (const field of (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      }
    }
    return result;
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : relabel(result));
      return query(...args);
    }
    const out = query(...args);
    return out instanceof Promise ? out.then(relabel) : out;
  };
}

/** Runs `fn` with an engine connected to the database, then frees it and closes its connections. */
async function withEngine<T>(
  target: DatabaseTarget,
  action: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const [Engine, { bindMigrationAwareSqlAdapterFactory }, factory] = await Promise.all([
    loadEngineClass(),
    import("@prisma/driver-adapter-utils"),
    adapterFactory(target),
  ]);
  const opened: SqlDriverAdapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(trackConnections(factory, opened));
  let engine: SchemaEngine | undefined;
  try {
    engine = await Engine.new({ datamodels: undefined }, () => {}, adapter);
    return await fn(engine);
  } catch (error) {
    throw friendlyError(adapterCause(error, adapter.errorRegistry), target, action);
  } finally {
    engine?.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

/** The engine reports driver errors as "External error id#N"; the registry holds the real one. */
function adapterCause(error: unknown, registry: ErrorRegistry): unknown {
  const id = /External error id#(\d+)/.exec(String((error as Error)?.message))?.[1];
  const stored = id === undefined ? undefined : registry.consumeError(Number(id));
  return stored ? stored.error : error;
}

/** One line, without the URL's password, prefixed by what failed. */
export function friendlyError(error: unknown, target: DatabaseTarget, action: string): Error {
  let text = oneLine(error);
  const secret = target.provider === "postgres" ? passwordOf(target.url) : "";
  if (secret) text = text.split(secret).join("***").split(encodeURIComponent(secret)).join("***");
  const where =
    target.provider === "sqlite" ? `SQLite database ${target.file}` : `Postgres ${describeHost(target.url)}`;
  return new Error(`${action} failed (${where}): ${text}`);
}

function oneLine(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  const full = typeof message === "string" ? message : String(error);
  // The engine appends a Rust span trace ("   0: sql_schema_connector::…"); keep what precedes it,
  // plus the failing migration's name the trace carries.
  let text = full.split(/\n\s*0: \w+::/)[0].trim() || "unknown error";
  const migration = /migration_name="([^"]+)"/.exec(full)?.[1];
  if (migration && !text.includes(migration)) text += ` (in migration ${migration})`;
  // Engine messages are multi-line paragraphs: join them into sentences.
  return text.replace(/([^.!?:;,])\s*\n\s*/g, "$1. ").replace(/\s*\n\s*/g, " ");
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

function describeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

/**
 * Applies the pending migrations of prisma/<provider>/migrations/ (as `prisma
 * migrate deploy` would, keeping the _prisma_migrations table). Idempotent.
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<{ applied: string[] }> {
  const target = parseDatabaseUrl(databaseUrl);
  const dir = migrationsDir(target.provider);
  // Without this check a deploy missing prisma/ would report "up to date".
  if (!existsSync(dir)) throw new Error(`Database migration failed: no migrations folder at ${dir}`);
  const migrationsList = await listMigrations(dir);
  const { appliedMigrationNames } = await withEngine(target, "Database migration", (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  for (const name of appliedMigrationNames) log(`applied migration ${name}`);
  return { applied: appliedMigrationNames };
}

/** The SQL that would bring the database to prisma/<provider>/schema.prisma; blank when there is no drift. */
export async function schemaDrift(databaseUrl: string): Promise<string> {
  const target = parseDatabaseUrl(databaseUrl);
  const path = schemaFile(target.provider);
  const files = [{ path, content: await readFile(path, "utf8") }];
  const { stdout } = await withEngine(target, "Schema drift check", (engine) =>
    engine.diff({
      from: { tag: "schemaDatasource", files, configDir: projectRoot() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  return stripEmptyMarker(stdout ?? "");
}

/** The engine answers an empty diff with a comment only; treat that as no SQL. */
function stripEmptyMarker(sql: string): string {
  return sql.trim() === "-- This is an empty migration." ? "" : sql;
}
