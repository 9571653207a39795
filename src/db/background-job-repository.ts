import type { Db } from "./client.ts";

export type BackgroundJobState = "queued" | "running" | "done" | "failed";

export interface BackgroundJobRow<I = unknown, R = unknown> {
  id: number;
  kind: string;
  chatId: number;
  input: I;
  state: BackgroundJobState;
  result: R | null;
  attempts: number;
}

function rowOf(row: {
  id: number;
  kind: string;
  chatId: string;
  input: string;
  state: string;
  result: string | null;
  attempts: number;
}): BackgroundJobRow {
  return {
    id: row.id,
    kind: row.kind,
    chatId: Number(row.chatId),
    input: JSON.parse(row.input),
    state: row.state as BackgroundJobState,
    result: row.result === null ? null : JSON.parse(row.result),
    attempts: row.attempts,
  };
}

/** Long work in the database: what the tap asked for, whether it ran, and what came of it. */
export class BackgroundJobRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Stores a new job; with `onceKey` (the update that asks for it) a second call finds the first job instead:
   * `created` is false then.
   */
  async add(kind: string, chatId: number, input: unknown, onceKey?: string): Promise<{ id: number; created: boolean }> {
    if (onceKey !== undefined) {
      const known = await this.db.backgroundJob.findUnique({ where: { onceKey } });
      if (known) return { id: known.id, created: false };
    }
    const row = await this.db.backgroundJob.create({
      data: { kind, chatId: String(chatId), input: JSON.stringify(input), onceKey },
    });
    return { id: row.id, created: true };
  }

  async get(id: number): Promise<BackgroundJobRow | null> {
    const row = await this.db.backgroundJob.findUnique({ where: { id } });
    return row ? rowOf(row) : null;
  }

  /** queued → running; false when another run took it (or it has ended). */
  async claim(id: number): Promise<boolean> {
    const { count } = await this.db.backgroundJob.updateMany({
      where: { id, state: "queued" },
      data: { state: "running", attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /** What a running job has come to, kept before it offers the owner buttons that read it. */
  async publish(id: number, result: unknown): Promise<void> {
    await this.db.backgroundJob.updateMany({
      where: { id, state: "running" },
      data: { result: JSON.stringify(result) },
    });
  }

  /** An ended job back to the queue (the owner's Retry); false when it is not ended (a second tap). */
  async requeue(id: number): Promise<boolean> {
    const { count } = await this.db.backgroundJob.updateMany({
      where: { id, state: { in: ["done", "failed"] } },
      data: { state: "queued" },
    });
    return count === 1;
  }

  async finish(id: number, state: "done" | "failed", result: unknown): Promise<void> {
    await this.db.backgroundJob.updateMany({
      where: { id, state: "running" },
      data: { state, result: JSON.stringify(result ?? null) },
    });
  }

  /**
   * At start: what a stop left queued or running (a crash, or the shutdown budget ran out) goes back to the queue;
   * returns those rows, oldest first.
   */
  async requeueUnfinished(): Promise<BackgroundJobRow[]> {
    await this.db.backgroundJob.updateMany({ where: { state: "running" }, data: { state: "queued" } });
    const rows = await this.db.backgroundJob.findMany({ where: { state: "queued" }, orderBy: { id: "asc" } });
    return rows.map(rowOf);
  }

  /** Ended jobs older than `before` are of no further use: their flows have moved on. */
  async prune(before: Date): Promise<number> {
    const { count } = await this.db.backgroundJob.deleteMany({
      where: { state: { in: ["done", "failed"] }, updatedAt: { lt: before } },
    });
    return count;
  }
}
