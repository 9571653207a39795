import { readFileSync, readdirSync, rmSync } from "node:fs";
import { startBot } from "../../support/bot-process.ts";
import type { BotSession } from "../../support/session.ts";
import type { RecordedCall } from "../../support/fake-bot-api.ts";
import { sqliteRows } from "../../support/sqlite.ts";
import { until } from "../../support/until.ts";

export { sqliteRows, sqliteRun } from "../../support/sqlite.ts";

/**
 * kill -9 right now, without waiting for the update in flight to be confirmed
 * (BotSession.crashAndRestart waits), then start a new process on the same
 * database and Bot API. Resolves with the pids that were left behind.
 */
export async function killNowAndRestart(
  session: BotSession,
  env: Record<string, string> = {},
): Promise<{ orphans: number[] }> {
  const family = snapshot(session.bot.child.pid!);
  session.bot.kill("SIGKILL");
  return restartAfterKill(session, family, env);
}

/**
 * kill -9 the bot the moment it makes a matching Bot API call, before the
 * fake Telegram answers it (so the bot never learns the call succeeded), then
 * restart. Resolves with the pids left behind.
 */
export async function killOnCall(
  session: BotSession,
  match: (call: RecordedCall) => boolean,
  since: number,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ orphans: number[] }> {
  const bot = session.bot;
  let family: Family = { pids: [], profiles: [] };
  await session.api.waitForCall(
    (call) => {
      if (!match(call)) return false;
      family = snapshot(bot.child.pid!);
      bot.kill("SIGKILL");
      return true;
    },
    { since, timeoutMs },
  );
  return restartAfterKill(session, family, env);
}

interface Family {
  pids: number[];
  /** Chromium profile directories in use below the bot. */
  profiles: string[];
}

function snapshot(pid: number): Family {
  const pids = descendantsOf(pid);
  const profiles = pids
    .map((p) => readProc(p)?.cmdline.match(/--user-data-dir=(\S+)/)?.[1])
    .filter((dir): dir is string => dir !== undefined);
  return { pids, profiles: [...new Set(profiles)] };
}

async function restartAfterKill(
  session: BotSession,
  family: Family,
  env: Record<string, string>,
): Promise<{ orphans: number[] }> {
  await session.bot.exited;
  session.api.expectRedelivery();
  const orphans = await reapOrphans(family.pids);
  // A SIGKILLed bot cannot remove its Chromium profile; the test does, so runs do not fill /tmp.
  for (const dir of family.profiles) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  session.bot = await startBot(session.api, session.databaseUrl, env);
  return { orphans };
}

/** BotSession.crashAndRestart, also reporting (and cleaning up) processes the killed bot left behind. */
export async function crashAfterSettle(
  session: BotSession,
  env: Record<string, string> = {},
): Promise<{ orphans: number[] }> {
  await session.chat.settle();
  return killNowAndRestart(session, env);
}

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    return { pid, ppid, cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

export function allProcesses(): ProcInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== undefined && p.cmdline !== "");
}

/** Every live process below `pid` (children, grandchildren…). */
export function descendantsOf(pid: number): number[] {
  const processes = allProcesses();
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    const next = processes.filter((p) => frontier.includes(p.ppid)).map((p) => p.pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

export const isChromium = (p: ProcInfo) => /chrom(e|ium)/i.test(p.cmdline.split(" ")[0] ?? "");

/** Chromium processes whose --user-data-dir is one of the bot's temp profiles. */
export function chromiumWithBotProfile(profilePrefix = "designflow-chromium-"): ProcInfo[] {
  return allProcesses().filter(
    (p) => isChromium(p) && p.cmdline.includes(`--user-data-dir=`) && p.cmdline.includes(profilePrefix),
  );
}

/** The bot's Chromium profile directory, read from the command line of a Chromium below `pid`. */
export function profileDirOf(pid: number): string | undefined {
  for (const child of descendantsOf(pid)) {
    const info = readProc(child);
    const match = info?.cmdline.match(/--user-data-dir=(\S+)/);
    if (match) return match[1];
  }
  return undefined;
}

/** Running (not a zombie waiting to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * A SIGKILLed Node process cannot close its Chromium: whatever of `family` is
 * still alive a moment later is an orphan. They are killed here so the
 * machine does not fill up with browsers; the caller reports how many there were.
 */
export async function reapOrphans(family: number[]): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const orphans = family.filter(alive);
  for (const pid of orphans) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return orphans;
}

/** SIGTERM (the bot closes Chromium and removes its profile), then BotSession.close for the rest. */
export async function closeGracefully(session: BotSession): Promise<void> {
  const bot = session.bot;
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
    bot.kill("SIGTERM");
    await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await session.close();
}

/** Until no background job is queued or running in this SQLite database: the work steps started has ended. */
export function jobsEnded(databaseUrl: string, timeoutMs = 60_000): Promise<true> {
  return until(() => {
    const [open] = sqliteRows<{ n: number }>(
      databaseUrl,
      "SELECT COUNT(*) AS n FROM BackgroundJob WHERE state IN ('queued', 'running')",
    );
    return open.n === 0;
  }, timeoutMs);
}
