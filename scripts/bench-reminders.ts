import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "../src/db/migrations.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/database-url.ts";
import { ReminderRepository } from "../src/db/reminder-repository.ts";

/** Median time of one reminder check's due query over 100 000 projects (5 000 active) on SQLite (target ≤ 100 ms). */
const TOTAL = 100_000;
const ACTIVE = 5_000;
const RUNS = 9;
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), "designflow-bench-"));
const url = `file:${join(dir, "bench.db")}`;
try {
  await applyMigrations(url, () => undefined);
  const raw = new Database(url.slice("file:".length));
  const insert = raw.prepare(
    "INSERT INTO Project (name, description, status, reminderIntervalDays, activatedAt, lastRemindedAt, createdAt, updatedAt) VALUES (?, '', ?, ?, ?, ?, ?, ?)",
  );
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  raw.transaction(() => {
    for (let i = 0; i < TOTAL; i++) {
      const active = i % (TOTAL / ACTIVE) === 0;
      const k = Math.floor(i / (TOTAL / ACTIVE)); // the k-th active project
      const status = active ? "active" : i % 3 === 0 ? "archived" : "idea";
      const interval = active ? [1, 7, 14, 30, null][k % 5] : null;
      const activatedAt = active || status === "archived" ? iso(now - (k % 40) * DAY) : null;
      const lastRemindedAt = active && k % 2 === 1 ? iso(now - (k % 20) * DAY) : null;
      insert.run(
        `Project ${i}`,
        status,
        interval,
        activatedAt,
        lastRemindedAt,
        iso(now - (i % 400) * DAY),
        iso(now - (i % 300) * DAY),
      );
    }
  })();
  raw.close();

  const db = await createDb(parseDatabaseUrl(url));
  const reminders = new ReminderRepository(db, "UTC");
  const timeIt = async (fn: () => Promise<unknown>) => {
    await fn(); // warm-up
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b);
  };
  const due = await reminders.due(new Date());
  const dueTimes = await timeIt(() => reminders.due(new Date()));
  const digestTimes = await timeIt(() => reminders.ideaDigest(new Date()));
  const median = (times: number[]) => times[Math.floor(times.length / 2)].toFixed(1);
  console.log(`${TOTAL} projects, ${ACTIVE} active, ${due.length} due now`);
  console.log(
    `due query: median ${median(dueTimes)} ms (min ${dueTimes[0].toFixed(1)}, max ${dueTimes.at(-1)!.toFixed(1)}, ${RUNS} runs)`,
  );
  console.log(`idea digest query: median ${median(digestTimes)} ms (${RUNS} runs)`);
  await db.$disconnect();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
