import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function binDir(): string {
  const versions = readdirSync("/usr/lib/postgresql")
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error("no /usr/lib/postgresql/<version>/bin");
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/**
 * A throwaway Postgres cluster of its own (initdb in a temp dir, its own port),
 * so a test can really stop and restart the server without touching the shared
 * one other test files use. The server tools refuse to run as root: they run as
 * the postgres user.
 */
export class PrivatePostgres {
  readonly dir: string;
  readonly port: number;
  private readonly bin: string;

  private constructor(dir: string, port: number, bin: string) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = binDir();
    const dir = mkdtempSync(join(tmpdir(), "designflow-pgcluster-"));
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
    const cluster = new PrivatePostgres(dir, await freePort(), bin);
    cluster.asPostgres("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    await cluster.start();
    return cluster;
  }

  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url("postgres") });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    this.asPostgres("pg_ctl", [
      "-D",
      join(this.dir, "data"),
      "-o",
      options,
      "-l",
      join(this.dir, "server.log"),
      "-w",
      "-t",
      "30",
      "start",
    ]);
  }

  /** A fast shutdown: the server ends every session (clients see their connections die), as on a real restart. */
  stop(): void {
    this.asPostgres("pg_ctl", ["-D", join(this.dir, "data"), "-m", "fast", "-w", "-t", "30", "stop"]);
  }

  async restart(): Promise<void> {
    this.stop();
    await this.start();
  }

  destroy(): void {
    try {
      this.asPostgres("pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asPostgres(tool: string, args: string[]): void {
    execFileSync("runuser", ["-u", "postgres", "--", join(this.bin, tool), ...args], {
      stdio: "pipe",
      cwd: this.dir,
      timeout: 60_000,
    });
  }
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}
