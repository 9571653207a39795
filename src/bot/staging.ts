import { randomBytes } from "node:crypto";

const TTL_MS = 30 * 60_000;

/**
 * Large in-flight results (uploaded bundles, rendered PDFs) kept in memory
 * under a short token, so conversations store only the token. Lost on
 * restart: flows then say so and ask again.
 */
export class Staging<T> {
  private readonly items = new Map<string, { value: T; expires: number }>();

  put(value: T): string {
    const now = Date.now();
    for (const [key, item] of this.items) if (item.expires < now) this.items.delete(key);
    const token = randomBytes(6).toString("hex");
    this.items.set(token, { value, expires: now + TTL_MS });
    return token;
  }

  get(token: string | undefined): T | undefined {
    return token ? this.items.get(token)?.value : undefined;
  }

  delete(token: string): void {
    this.items.delete(token);
  }
}
