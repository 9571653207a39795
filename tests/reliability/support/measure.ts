import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type { FakeBotApi, RecordedCall } from "../../support/fake-bot-api.ts";
import { OWNER_ID } from "../../support/fake-bot-api.ts";
import { textMessage } from "../../support/owner-chat.ts";

/** Nearest-rank percentile of a sample (ms). */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * A fingerprint of every table's rows (SQLite file), so "no write" means no
 * row added, changed or removed. Background jobs' own bookkeeping in Setting
 * (keys without a user) is left out, as in tests/owner-gate.test.ts.
 */
export function databaseSnapshot(databaseUrl: string): Record<string, string> {
  const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    const where = (name: string) => (name === "Setting" ? ` WHERE key LIKE 'locale:%'` : "");
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare(`SELECT * FROM "${name}"${where(name)} ORDER BY rowid`).all();
        return [
          name,
          `${rows.length} rows ${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 12)}`,
        ];
      }),
    );
  } finally {
    db.close();
  }
}

/** Calls the bot made with a result (not failed by an injected fault) to the owner's chat. */
export const deliveredToOwner = (api: FakeBotApi, since: number, method = "sendMessage"): RecordedCall[] =>
  api.calls
    .slice(since)
    .filter((c) => c.method === method && c.result !== undefined && Number(c.payload.chat_id) === OWNER_ID);

/**
 * Pushes the owner's /start and resolves with the reply and the bot's latency:
 * from the moment getUpdates handed the update over to the moment the reply
 * reached the Bot API (so queueing behind earlier updates counts, polling does not).
 */
export async function ownerStartLatency(
  api: FakeBotApi,
  timeoutMs = 15_000,
): Promise<{ reply: RecordedCall; latencyMs: number; updateId: number }> {
  const since = api.calls.length;
  const updateId = api.push(textMessage("/start"));
  const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === OWNER_ID, {
    since,
    timeoutMs,
  });
  const deliveredAt = api.deliveredAt.get(updateId);
  if (deliveredAt === undefined) throw new Error(`update ${updateId} was answered but never delivered`);
  return { reply, latencyMs: reply.receivedAt - deliveredAt, updateId };
}
