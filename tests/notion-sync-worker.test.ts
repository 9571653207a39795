import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNotionService } from "../src/services/notion/notion-service.ts";
import {
  createSyncWorker,
  type SyncProblem,
  type SyncWorker,
  type SyncWorkerOptions,
} from "../src/services/notion/sync-worker.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { MemorySyncStore } from "./support/memory-sync-store.ts";
import { notionConfigFor } from "./support/notion-config.ts";
import { createNotionConnection } from "../src/services/notion/notion-connection.ts";
import type { NotionConfig } from "../src/services/notion/notion-connection.ts";

const notionServiceFor = (config: NotionConfig, options?: Parameters<typeof createNotionConnection>[1]) =>
  createNotionService(createNotionConnection(config, options));

const silent = pino({ level: "silent" });

let fake: FakeNotion;
let store: MemorySyncStore;
let worker: SyncWorker | undefined;
let problems: SyncProblem[];
let synced: number[];

/** Small timeouts and backoffs keep the timing scenarios to well under a second each. */
function startWorker(
  options: { timeoutMs?: number; config?: Partial<NotionConfig> } & Partial<SyncWorkerOptions> = {},
): SyncWorker {
  const notion = notionServiceFor(notionConfigFor(fake, options.config), {
    timeoutMs: options.timeoutMs ?? 2000,
    logger: silent,
  });
  worker = createSyncWorker({
    store,
    notion,
    logger: silent,
    events: { onProblem: (p) => problems.push(p), onSynced: (jobId) => synced.push(jobId) },
    backoff: () => 20,
    pollIntervalMs: 50,
    ...options,
  });
  worker.start();
  return worker;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const allSettled = () => store.pending().length === 0;

beforeEach(async () => {
  fake = await new FakeNotion().start();
  store = new MemorySyncStore();
  problems = [];
  synced = [];
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await fake.close();
});

describe("sync worker", () => {
  it("creates the page, then updates it, recording the create start before the create", async () => {
    const lamp = store.addProject({ name: "Lamp", description: "brass\nlinen shade" });
    store.enqueue("upsert", lamp.id);
    startWorker();
    await waitFor(allSettled);
    expect(store.log).toEqual(["markCreateStarted 1", "setPageId 1"]);
    const pageId = store.projects.get(lamp.id)!.notionPageId!;

    store.editProject(lamp.id, { name: "Lamp II", status: "active", description: "walnut" });
    worker!.kick();
    await waitFor(allSettled);
    expect(fake.pages).toHaveLength(1);
    expect(fake.pages[0]).toMatchObject({ id: pageId, title: "Lamp II", status: "Active" });
    expect(fake.bodyOf(fake.pages[0])).toBe("walnut");
    expect(synced).toHaveLength(2);
  });

  it("trashes the page of a deleted project; a job for a vanished project just completes", async () => {
    const stool = store.addProject({ name: "Stool" });
    store.enqueue("upsert", stool.id);
    startWorker();
    await waitFor(allSettled);
    const pageId = store.projects.get(stool.id)!.notionPageId!;
    store.projects.delete(stool.id);
    store.enqueue("upsert", stool.id);
    store.enqueue("trash", null, { pageId });
    store.enqueue("trash", null, { pageId: "00000000-0000-0000-0000-000000000000" });
    worker!.kick();
    await waitFor(allSettled);
    expect(fake.pages[0].inTrash).toBe(true);
    expect(store.jobs.every((j) => j.state === "done")).toBe(true);
  });

  it("rides out an outage: one page per project with the latest title, status and body", async () => {
    fake.failNext(1, { status: 500, code: "internal_server_error", afterApply: true }, "POST /pages");
    const chair = store.addProject({ name: "Chair", description: "oak" });
    const table = store.addProject({ name: "Table", description: "steel" });
    store.enqueue("upsert", chair.id);
    store.enqueue("upsert", table.id);
    startWorker({ backoff: () => 100 });
    // Notion made the Chair page but answered 500; then it goes down. A real outage may last ~30 s:
    // 600 ms of 503s with a 100 ms backoff exercises the same path.
    await waitFor(() => fake.count("POST /pages") >= 1);
    fake.failFor(600, { status: 503, code: "service_unavailable" });
    // Edits during the outage, including a rename of the project whose create had an unknown outcome.
    store.editProject(chair.id, { name: "Chair «Ø» 🙂", status: "active", description: "oak\nwaxed" });
    store.editProject(table.id, { status: "archived" });
    await waitFor(allSettled);

    expect(fake.pages).toHaveLength(2);
    const chairPage = fake.pages.find((p) => p.id === store.projects.get(chair.id)!.notionPageId)!;
    expect(chairPage).toMatchObject({ title: "Chair «Ø» 🙂", status: "Active", inTrash: false });
    expect(fake.bodyOf(chairPage)).toBe("oak\nwaxed");
    const tablePage = fake.pages.find((p) => p.id === store.projects.get(table.id)!.notionPageId)!;
    expect(tablePage).toMatchObject({ title: "Table", status: "Archived", inTrash: false });
    expect(fake.bodyOf(tablePage)).toBe("steel");
    expect(store.jobs.some((j) => j.attempts >= 2)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("a create that times out after Notion made the page ends with exactly one page", async () => {
    fake.delayNext(800, "POST /pages");
    const vase = store.addProject({ name: "Vase", description: "glass", status: "active" });
    store.enqueue("upsert", vase.id);
    startWorker({ timeoutMs: 200 });
    await waitFor(allSettled);
    expect(fake.count("POST /pages")).toBe(1);
    expect(fake.pages).toHaveLength(1);
    expect(store.projects.get(vase.id)!.notionPageId).toBe(fake.pages[0].id);
    expect(fake.pages[0]).toMatchObject({ title: "Vase", status: "Active" });
    expect(store.jobs[0].attempts).toBe(1);
  });

  it("waits at least Retry-After after a 429", async () => {
    fake.failNext(1, { status: 429, code: "rate_limited", retryAfter: 1 }, "POST /pages");
    store.enqueue("upsert", store.addProject({ name: "Shelf" }).id);
    startWorker(); // backoff would be 20 ms: only Retry-After explains a longer wait
    await waitFor(allSettled);
    const creates = fake.requests.filter((r) => r.endpoint === "POST /pages");
    expect(creates.map((r) => r.status)).toEqual([429, 200]);
    expect(creates[1].at - creates[0].at).toBeGreaterThanOrEqual(1000);
  });

  it("parks fatal jobs and reports each problem once until a job succeeds", async () => {
    fake.schema.statusProperty = "Stage";
    const a = store.addProject({ name: "A" });
    const b = store.addProject({ name: "B" });
    store.enqueue("upsert", a.id);
    store.enqueue("upsert", b.id);
    startWorker();
    await waitFor(allSettled);
    expect(store.jobs.map((j) => j.state)).toEqual(["failed", "failed"]);
    expect(problems).toEqual([{ problem: "bad_property", detail: "no property named Status", jobId: 1 }]);

    fake.schema.statusProperty = "Status"; // the owner fixes the column
    store.enqueue("upsert", a.id);
    worker!.kick();
    await waitFor(allSettled);
    fake.schema.statusProperty = "Stage";
    store.enqueue("upsert", b.id);
    worker!.kick();
    await waitFor(allSettled);
    expect(problems.map((p) => p.jobId)).toEqual([1, 4]);
  });

  it("reports an unauthorized key as a problem", async () => {
    store.enqueue("upsert", store.addProject({ name: "A" }).id);
    startWorker({ config: { apiKey: "secret_revoked_key" } });
    await waitFor(allSettled);
    expect(problems).toMatchObject([{ problem: "unauthorized" }]);
    expect(store.jobs[0].state).toBe("failed");
  });

  it("stop() waits for the job in flight", async () => {
    fake.delayNext(300, "POST /pages");
    store.enqueue("upsert", store.addProject({ name: "Slow" }).id);
    startWorker();
    await waitFor(() => fake.count("POST /pages") === 1);
    await worker!.stop();
    expect(store.jobs[0].state).toBe("done");
  });

  it("keeps running when the store throws", async () => {
    const dueJobs = store.dueJobs.bind(store);
    let failures = 2;
    store.dueJobs = async (now, limit) => {
      if (failures-- > 0) throw new Error("database is locked");
      return dueJobs(now, limit);
    };
    store.enqueue("upsert", store.addProject({ name: "Resilient" }).id);
    startWorker();
    await waitFor(allSettled);
    expect(fake.pages).toHaveLength(1);
  });

  it("drainOnce processes each due job once and reports how many", async () => {
    fake.failFor(60_000, { status: 500, code: "internal_server_error" });
    store.enqueue("upsert", store.addProject({ name: "X" }).id);
    const notion = notionServiceFor(notionConfigFor(fake), { logger: silent });
    const idle = createSyncWorker({
      store,
      notion,
      logger: silent,
      events: { onProblem: () => undefined },
      backoff: () => 0,
    });
    expect(await idle.drainOnce()).toBe(1);
    expect(store.jobs[0]).toMatchObject({ state: "pending", attempts: 1 });
  });
});
