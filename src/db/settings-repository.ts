import type { Db } from "./client.ts";

/**
 * Key/value owner settings. Reads are served from memory after the first
 * load: the bot is the only writer, and locale lookups happen on every update.
 */
export class SettingsRepository {
  private readonly db: Db;
  private cache = new Map<string, string | null>();

  constructor(db: Db) {
    this.db = db;
  }

  async get(key: string): Promise<string | undefined> {
    if (this.cache.has(key)) return this.cache.get(key) ?? undefined;
    const row = await this.db.setting.findUnique({ where: { key } });
    this.cache.set(key, row?.value ?? null);
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    this.cache.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.db.setting.deleteMany({ where: { key } });
    this.cache.set(key, null);
  }
}
