import { readFileSync } from "node:fs";
import { applyMigrations } from "../src/db/migrations.ts";
import { FakeBotApi } from "../tests/support/fake-bot-api.ts";
import { BotProcess, botEnv, tempSqliteUrl } from "../tests/support/bot-process.ts";
import { textMessage } from "../tests/support/owner-chat.ts";
import { fmt, median } from "./stats.ts";
import { workerCommand } from "./procfile.ts";

async function bootOnce(
  api: FakeBotApi,
  databaseUrl: string,
  production = false,
): Promise<{ ms: number; bot: BotProcess }> {
  const since = api.calls.length;
  const started = performance.now();
  const worker = production ? workerCommand() : { env: {}, nodeArgs: [] };
  const bot = new BotProcess(botEnv(api, databaseUrl, { LOG_LEVEL: "warn", ...worker.env }), worker.nodeArgs);
  const first = await api.waitForCall((c) => c.method === "getUpdates", { since, timeoutMs: 30_000 });
  return { ms: first.receivedAt - started, bot };
}

/** Process start → first getUpdates, with pending migrations (empty database) and with none. */
export async function measureBoot(runs: number): Promise<string[][]> {
  const api = await new FakeBotApi().start();
  const fresh: number[] = [];
  const migrated: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const url = tempSqliteUrl();
      const first = await bootOnce(api, url);
      fresh.push(first.ms);
      await first.bot.stop();
      const second = await bootOnce(api, url);
      migrated.push(second.ms);
      await second.bot.stop();
    }
  } finally {
    await api.close();
  }
  return [
    ["boot → first getUpdates (migrations applied)", `${fmt(median(migrated), 0)} ms`, "≤ 2000 ms"],
    ["boot → first getUpdates (pending migrations)", `${fmt(median(fresh), 0)} ms`, "≤ 2000 ms"],
  ];
}

function memoryOf(pid: number): { rssMb: number; pssMb: number } {
  const kb = (text: string, key: string) => Number(text.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? NaN);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  return { rssMb: kb(status, "VmRSS") / 1024, pssMb: kb(rollup, "Pss") / 1024 };
}

/**
 * Idle memory of the bot as Heroku runs it (the Procfile's worker command, on a
 * database the release phase has already migrated): RSS and PSS after start-up,
 * a few dozen updates and 2 s of idleness; median over `runs` boots.
 */
export async function measureIdleMemory(runs: number): Promise<string[][]> {
  const api = await new FakeBotApi().start();
  const rss: number[] = [];
  const pss: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const url = tempSqliteUrl();
      await applyMigrations(url);
      const bot = (await bootOnce(api, url, true)).bot;
      try {
        for (let i = 0; i < 30; i++) {
          const since = api.calls.length;
          api.push(textMessage(i % 2 ? "/start" : "/help"));
          await api.waitForCall((c) => c.method === "sendMessage", { since });
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const { rssMb, pssMb } = memoryOf(bot.child.pid!);
        rss.push(rssMb);
        pss.push(pssMb);
      } finally {
        await bot.stop();
      }
    }
  } finally {
    await api.close();
  }
  return [
    ["idle memory of the bot (RSS / PSS)", `${fmt(median(rss), 0)} MB / ${fmt(median(pss), 0)} MB`, "≤ 120 MB RSS"],
  ];
}
