import type { Db } from "./client.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const PREFIX = "update-done:";
/** Telegram keeps an unconfirmed update for 24 hours: an older mark can no longer be needed. */
const KEEP_MS = 24 * 60 * 60_000;

/**
 * Runs `write` at most once per key (e.g. "new-idea:<update_id>"), inside the
 * caller's transaction. An update is confirmed to Telegram only after it was
 * handled, so after a kill -9 the same update arrives again and its flow step
 * is replayed; the mark, committed with the write, makes the replay return the
 * first result instead of saving twice. Without a key, `write` just runs.
 */
export async function oncePerUpdate(tx: Tx, key: string | undefined, write: () => Promise<number>): Promise<number> {
  if (!key) return write();
  await tx.setting.deleteMany({
    where: { key: { startsWith: PREFIX }, updatedAt: { lt: new Date(Date.now() - KEEP_MS) } },
  });
  const done = await tx.setting.findUnique({ where: { key: PREFIX + key } });
  if (done) return Number(done.value);
  const result = await write();
  await tx.setting.create({ data: { key: PREFIX + key, value: String(result) } });
  return result;
}
