import { isAbsolute, resolve } from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgres"; url: string; connectionString: string; ssl: false | { rejectUnauthorized: false } };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/**
 * Reads DATABASE_URL. `file:` means SQLite (relative to the working directory);
 * `postgres://`/`postgresql://` means Postgres. Remote Postgres (Heroku) gets TLS
 * without certificate verification; `sslmode` is removed from the URL because
 * `pg` lets it override the `ssl` object (`sslmode=disable` turns TLS off).
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new Error("DATABASE_URL: file: URL has no path");
    return { provider: "sqlite", url, file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("DATABASE_URL: not a valid postgres:// URL");
    }
    if (!parsed.hostname && !parsed.searchParams.get("host")) throw new Error("DATABASE_URL: postgres URL has no host");
    const sslmode = parsed.searchParams.get("sslmode");
    parsed.searchParams.delete("sslmode");
    const local = LOCAL_HOSTS.has(parsed.hostname);
    const ssl = sslmode === "disable" || (local && sslmode === null) ? false : ({ rejectUnauthorized: false } as const);
    return { provider: "postgres", url, connectionString: parsed.toString(), ssl };
  }
  throw new Error("DATABASE_URL: must start with file: (SQLite) or postgres:// / postgresql:// (Postgres)");
}
