import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.ts";
import { migratedSqlite } from "./support/sqlite.ts";
import { NotionOutbox } from "../src/db/notion-outbox.ts";
import { ProjectRepository } from "../src/db/project-repository.ts";
import { SyncJobRepository } from "../src/db/sync-job-repository.ts";

/** The repository hook that wakes the sync worker: told once per committed write that queued a job, never before. */
describe("Notion outbox: writes that queue a job announce it after commit", () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await migratedSqlite("outbox-"));
  });
  afterAll(() => drop?.());

  function withListener(enabled: boolean) {
    const outbox = new NotionOutbox(db, { enabled });
    const seen: number[] = [];
    // What the worker would find when woken: the job must already be committed.
    outbox.onQueued(() => void db.syncJob.count({ where: { state: "pending" } }).then((count) => seen.push(count)));
    return { outbox, seen, projects: new ProjectRepository(db, outbox), jobs: new SyncJobRepository(db, outbox) };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it("create, rename, status change and delete each wake the worker once, with the job already visible", async () => {
    await db.syncJob.deleteMany();
    const { projects, seen } = withListener(true);
    const project = await projects.create({ name: "Лампа", description: "" });
    await settle();
    expect(seen).toEqual([1]);
    await db.syncJob.deleteMany();
    await projects.update(project.id, { name: "Лампа 2" });
    // A pending upsert already covers the next change: nothing new is queued, nobody is woken again.
    await projects.update(project.id, { description: "алюминий" });
    await settle();
    expect(seen).toEqual([1, 1]);
    await db.syncJob.deleteMany();
    await projects.transition(project.id, "idea", "active", { intervalDays: 7 });
    await settle();
    expect(seen).toEqual([1, 1, 1]);
    await db.project.update({ where: { id: project.id }, data: { notionPageId: "page-1" } });
    await projects.delete(project.id);
    await settle();
    expect(seen).toHaveLength(4);
    expect(await db.syncJob.findFirst({ where: { kind: "trash" } })).not.toBeNull();
  });

  it("a write that queues nothing does not wake it: a reminder interval, a stale transition, Notion off", async () => {
    const on = withListener(true);
    const project = await on.projects.create({ name: "Стул", description: "" });
    await settle();
    on.seen.length = 0;
    await on.projects.update(project.id, { reminderIntervalDays: 14 });
    await on.projects.transition(project.id, "active", "archived");
    await settle();
    expect(on.seen).toEqual([]);
    const off = withListener(false);
    await off.projects.create({ name: "Стол", description: "" });
    await settle();
    expect(off.seen).toEqual([]);
  });

  it("Retry now wakes it when there is something to retry", async () => {
    const { jobs, seen } = withListener(true);
    await db.syncJob.deleteMany();
    expect(await jobs.retryAll()).toBe(0);
    await db.syncJob.create({ data: { projectId: null, kind: "trash", state: "failed", payload: "{}" } });
    expect(await jobs.retryAll()).toBe(1);
    await settle();
    expect(seen).toEqual([1]);
  });
});
