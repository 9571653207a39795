// `npx tsx scripts/bench-fal.ts [--quick]`: the bot's own time around a Fal moodboard generation.
import { loadavg } from "node:os";
import { FakeBotApi, OWNER_ID, type RecordedCall } from "../tests/support/fake-bot-api.ts";
import { FakeFal } from "../tests/support/fake-fal.ts";
import { callback, isChatOutput, textMessage } from "../tests/support/owner-chat.ts";
import { startBot, tempSqliteUrl } from "../tests/support/bot-process.ts";
import { fmt, median, percentile } from "../bench/stats.ts";

/**
 * Starts the production bot against the fake Bot API and a fake Fal that finishes each job a
 * fixed time after its submit and serves full-size (1024 px) JPEGs, taps "new moodboard" like the
 * owner, and takes: tap delivered → album (sendMediaGroup) received, minus the time that belongs
 * to Fal (submit → job done, plus the span of the image downloads it served). What is left is
 * the bot's own overhead: reaching the submit, noticing completion (status polling), fetching the
 * result, and uploading the album.
 */
const quick = process.argv.includes("--quick");
const runs = quick ? 6 : 15;
const LATENCY_MS = 1500;

const api = await new FakeBotApi().start();
const fal = await new FakeFal().start();
fal.latencyMs = LATENCY_MS;
fal.fullSize = true;
const bot = await startBot(api, tempSqliteUrl(), { FAL_API_KEY: fal.key, FAL_BASE_URL: fal.baseUrl, FAL_RETRIES: "off", LOG_LEVEL: "warn" });
const anyMessage = { message_id: 1, date: 0, chat: { id: OWNER_ID, type: "private" }, text: "card" };

async function waitFor(since: number, predicate: (call: RecordedCall) => boolean, timeoutMs = 30_000): Promise<RecordedCall> {
  return api.waitForCall(predicate, { since, timeoutMs });
}

async function say(update: Record<string, unknown>): Promise<RecordedCall> {
  const since = api.calls.length;
  api.push(update);
  return waitFor(since, isChatOutput);
}

const rows: { endToEnd: number; fal: number; overhead: number; pollLag: number; afterAlbumData: number }[] = [];
try {
  await say(textMessage("/new"));
  await say(textMessage("Bench lamp"));
  await say(textMessage("A floor lamp of recycled plastic and oak"));
  await say(callback("flow:skip", anyMessage));
  await say(callback("flow:mb:skip", anyMessage));
  for (let run = -1; run < runs; run++) {
    const since = api.calls.length;
    const updateId = api.push(callback("ai:1:mb", anyMessage));
    const album = await waitFor(since, (c) => c.method === "sendMediaGroup");
    const steering = await waitFor(since, (c) => c.method === "sendMessage" && String(c.payload.text ?? "").includes("Seed"));
    await waitFor(api.calls.indexOf(steering), (c) => c.method === "deleteMessage"); // the status message goes last
    if (run < 0) continue; // warm-up (first Fal client, first sharp/undici use)
    const [requestId, times] = [...fal.timeline].at(-1)!;
    const images = fal.downloads.filter((d) => d.name.startsWith(`${requestId}-`));
    const downloadSpan = Math.max(...images.map((d) => d.end)) - Math.min(...images.map((d) => d.start));
    const falTime = (times.readyAt! - times.submitAt) + downloadSpan;
    const endToEnd = album.receivedAt - api.deliveredAt.get(updateId)!;
    rows.push({ endToEnd, fal: falTime, overhead: endToEnd - falTime, pollLag: times.resultAt! - times.readyAt!, afterAlbumData: album.receivedAt - Math.max(...images.map((d) => d.end)) });
  }
} finally {
  await bot.stop();
  await fal.close();
  await api.close();
}

const line = (label: string, values: number[]) => `${label.padEnd(44)} median ${fmt(median(values)).padStart(7)} ms   p90 ${fmt(percentile(values, 90)).padStart(7)} ms`;
console.log(`Fal call overhead: ${rows.length} moodboards of 4 × 1024² JPEG, fake Fal done ${LATENCY_MS} ms after submit; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(line("tap → album received (end to end)", rows.map((r) => r.endToEnd)));
console.log(line("inside Fal (submit → done + downloads)", rows.map((r) => r.fal)));
console.log(line("bot overhead (target ≤ 50 ms)", rows.map((r) => r.overhead)));
console.log(line("  of which: done → result fetched (polling)", rows.map((r) => r.pollLag)));
console.log(line("  of which: last image → album received", rows.map((r) => r.afterAlbumData)));
console.log("The collage is not on this path: it is made only when the owner taps Save (see Collage).");
