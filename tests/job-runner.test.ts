import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.ts";
import { migratedSqlite } from "./support/sqlite.ts";
import { BackgroundJobRepository } from "../src/db/background-job-repository.ts";
import { createJobRunner } from "../src/jobs/job-runner.ts";

/** The job runner over a real (SQLite) database: what a stop, a re-delivered update and a quick tap meet. */
describe("job runner: long work off the update path, kept in the database", () => {
  const logger = pino({ level: "silent" });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (probe: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await probe()); i++) await sleep(10);
  };
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await migratedSqlite("jobs-"));
  });
  afterAll(() => drop?.());

  it("enqueue returns before the work ends; the result is stored; a second enqueue of one update finds the first", async () => {
    const store = new BackgroundJobRepository(db);
    const runner = createJobRunner({ store, logger });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    runner.handle("slow", async (job) => {
      runs++;
      await gate;
      return { doubled: (job.input as { n: number }).n * 2 };
    });
    await runner.start();
    const id = await runner.enqueue("slow", 42, { n: 21 }, "slow:update-7");
    expect((await runner.get(id))?.result).toBeNull();
    expect(await runner.enqueue("slow", 42, { n: 99 }, "slow:update-7")).toBe(id);
    release();
    await until(async () => (await runner.get(id))?.state === "done");
    expect(await runner.get(id)).toMatchObject({ state: "done", chatId: 42, result: { doubled: 42 } });
    expect(runs).toBe(1);
  });

  it("a published result is readable while the job still runs (a tap on the buttons it is about to show)", async () => {
    const runner = createJobRunner({ store: new BackgroundJobRepository(db), logger });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    runner.handle("publishing", async (_job, publish) => {
      await publish({ outcome: "preview" });
      await gate;
      return { outcome: "preview" };
    });
    const id = await runner.enqueue("publishing", 1, {});
    await until(async () => (await runner.get(id))?.result !== null);
    expect(await runner.get(id)).toMatchObject({ state: "running", result: { outcome: "preview" } });
    release();
    await until(async () => (await runner.get(id))?.state === "done");
  });

  it("what a stop left running or queued runs again at the next start; tracked work is handed to its handler", async () => {
    const store = new BackgroundJobRepository(db);
    const first = createJobRunner({ store, logger });
    first.handle("stuck", () => new Promise(() => undefined));
    const stuck = await first.enqueue("stuck", 5, { n: 1 });
    const tracked = await first.track("tracked", 5, { task: "moodboard" });
    await until(async () => (await store.get(stuck))?.state === "running");
    await first.stop(50);

    const seen: string[] = [];
    const second = createJobRunner({ store, logger });
    second.handle("stuck", async (job) => void seen.push(`stuck:${job.id}`));
    second.handle("tracked", async (job) => void seen.push(`tracked:${job.id}`));
    await second.start();
    await until(async () => seen.length === 2);
    expect(seen.sort()).toEqual([`stuck:${stuck}`, `tracked:${tracked}`].sort());
    expect((await store.get(stuck))?.attempts).toBe(2);
    // Untracked work that ended is not handed over again.
    const ended = await second.track("tracked", 5, {});
    await second.untrack(ended);
    const third = createJobRunner({ store, logger });
    third.handle("tracked", async (job) => void seen.push(`again:${job.id}`));
    await third.start();
    await sleep(50);
    expect(seen.filter((entry) => entry.startsWith("again"))).toEqual([]);
  });

  it("a failed job can be retried once per failure, not by every tap", async () => {
    const runner = createJobRunner({ store: new BackgroundJobRepository(db), logger });
    let calls = 0;
    runner.handle("flaky", async () => {
      calls++;
      if (calls === 1) throw new Error("Telegram refused");
      return { ok: true };
    });
    const id = await runner.enqueue("flaky", 1, {});
    await until(async () => (await runner.get(id))?.state === "failed");
    const taps = await Promise.all([runner.retry(id), runner.retry(id), runner.retry(id)]);
    expect(taps.filter(Boolean)).toHaveLength(1);
    await until(async () => (await runner.get(id))?.state === "done");
    expect(calls).toBe(2);
  });
});
