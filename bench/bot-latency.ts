import { FakeBotApi, OWNER_ID, type RecordedCall } from "../tests/support/fake-bot-api.ts";
import { callback, isChatOutput, textMessage } from "../tests/support/owner-chat.ts";
import { BotProcess, startBot } from "../tests/support/bot-process.ts";
import { fmt, median, percentile } from "./stats.ts";
import { workerCommand } from "./procfile.ts";

type Scenario = { name: string; update: () => Record<string, unknown>; prepare?: () => Promise<void> };

/**
 * Time from the fake Bot API handing an update to the bot (the getUpdates
 * response) to the bot's reply call arriving, per scenario, at a fixed rate
 * (20 updates/s, open loop) and at the highest rate the bot sustains (closed
 * loop: the next update is queued as soon as the previous reply arrives).
 */
export async function measureUpdateLatency(databaseUrl: string, label: string, count: number): Promise<string[][]> {
  const api = await new FakeBotApi().start();
  // As Heroku runs it: the Procfile's worker environment and node flags.
  const worker = workerCommand();
  const bot: BotProcess = await startBot(api, databaseUrl, { LOG_LEVEL: "warn", ...worker.env }, worker.nodeArgs);
  const rows: string[][] = [];
  try {
    const anyMessage = { message_id: 1, date: 0, chat: { id: OWNER_ID, type: "private" }, text: "menu" };
    await roundTrip(api, textMessage("/new"));
    await roundTrip(api, textMessage("Бенчмарк-проект"));
    await roundTrip(api, textMessage("Описание"));
    await roundTrip(api, callback("flow:skip", anyMessage));
    const scenarios: Scenario[] = [
      { name: "/start", update: () => textMessage("/start") },
      { name: "open project card", update: () => callback("p:1:open", anyMessage) },
      { name: "callback editing a message", update: () => callback("nav:projects", anyMessage) },
      {
        name: "one step of /new",
        update: () => textMessage("Название идеи"),
        prepare: async () => void (await roundTrip(api, textMessage("/new"))),
      },
    ];
    for (const scenario of scenarios) {
      const fixed: number[] = [];
      const closed: number[] = [];
      for (let i = 0; i < count; i++) {
        await scenario.prepare?.();
        const started = performance.now();
        fixed.push(await roundTrip(api, scenario.update()));
        const wait = 50 - (performance.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const burstStart = performance.now();
      for (let i = 0; i < count; i++) {
        await scenario.prepare?.();
        closed.push(await roundTrip(api, scenario.update()));
      }
      const rate = (count * (scenario.prepare ? 2 : 1)) / ((performance.now() - burstStart) / 1000);
      rows.push([label, scenario.name, "20/s", fmt(median(fixed)), fmt(percentile(fixed, 99)), "—"]);
      rows.push([
        label,
        scenario.name,
        `max (${rate.toFixed(0)}/s)`,
        fmt(median(closed)),
        fmt(percentile(closed, 99)),
        rate.toFixed(0),
      ]);
    }
  } finally {
    await bot.stop();
    await api.close();
  }
  return rows;
}

/** Pushes one update and resolves with ms from its delivery to the bot until the bot's first reply. */
async function roundTrip(api: FakeBotApi, update: Record<string, unknown>): Promise<number> {
  const since = api.calls.length;
  const id = api.push(update);
  const reply: RecordedCall = await api.waitForCall(isChatOutput, { since });
  return reply.receivedAt - (api.deliveredAt.get(id) ?? reply.receivedAt);
}
