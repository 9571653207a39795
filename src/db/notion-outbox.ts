import type { Db } from "./client.ts";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The write side of the Notion outbox. A sync job is queued inside the transaction of the change it mirrors; once
 * that transaction has committed, whoever listens (the sync worker) is told, so the job runs now instead of at the
 * worker's next poll. No caller has to remember to wake the worker.
 */
export class NotionOutbox {
  readonly enabled: boolean;
  private readonly db: Db;
  private readonly listeners: (() => void)[] = [];
  private readonly queuedIn = new WeakSet<Tx>();

  constructor(db: Db, options: { enabled: boolean }) {
    this.db = db;
    this.enabled = options.enabled;
  }

  /** `listener` runs after every committed transaction that queued a job. */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A transaction whose queued jobs are announced once it has committed. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let used: Tx | undefined;
    const result = await this.db.$transaction((tx) => {
      used = tx;
      return work(tx);
    });
    if (used && this.queuedIn.has(used)) for (const listener of this.listeners) listener();
    return result;
  }

  /**
   * The page should show the project's current state: one pending upsert per project is enough. A failed one is
   * replaced, unless `keepFailed` (a job parked until the owner's "Retry now" stays parked).
   */
  async upsert(tx: Tx, projectId: number, options: { keepFailed?: boolean } = {}): Promise<void> {
    if (!this.enabled) return;
    const waiting = options.keepFailed ? { in: ["pending", "failed"] } : "pending";
    const pending = await tx.syncJob.findFirst({ where: { projectId, kind: "upsert", state: waiting } });
    if (pending) return;
    await tx.syncJob.deleteMany({ where: { projectId, kind: "upsert", state: "failed" } });
    await tx.syncJob.create({ data: { projectId, kind: "upsert" } });
    this.queuedIn.add(tx);
  }

  /** Every job still waiting, failed ones too, runs again now (the owner's "Retry now"). */
  retryAll(): Promise<number> {
    return this.transaction(async (tx) => {
      const { count } = await tx.syncJob.updateMany({ data: { state: "pending", runAfter: new Date(), attempts: 0 } });
      if (count > 0) this.queuedIn.add(tx);
      return count;
    });
  }

  /** A job of another kind: a page to trash, an image to append. */
  async add(tx: Tx, job: { projectId: number | null; kind: "trash" | "image"; payload: object }): Promise<void> {
    if (!this.enabled) return;
    await tx.syncJob.create({
      data: { projectId: job.projectId, kind: job.kind, payload: JSON.stringify(job.payload) },
    });
    this.queuedIn.add(tx);
  }
}
