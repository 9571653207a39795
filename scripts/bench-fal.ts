// `npx tsx scripts/bench-fal.ts [--quick] [--polling] [--telegram-ms N]`: the bot's own time around a Fal moodboard
// generation.
import { loadavg } from "node:os";
import { FakeBotApi, OWNER_ID, type RecordedCall } from "../tests/support/fake-bot-api.ts";
import { FakeFal } from "../tests/support/fake-fal.ts";
import { callback, isChatOutput, textMessage } from "../tests/support/owner-chat.ts";
import { startBot, tempSqliteUrl } from "../tests/support/bot-process.ts";
import { fmt, median, percentile } from "../bench/stats.ts";

/**
 * Starts the production bot against the fake Bot API and a fake Fal that finishes each job a
 * fixed time after its submit and serves full-size (1024 px) JPEGs, taps "new moodboard" like the
 * owner, and takes: tap delivered → the album's (sendMediaGroup) last byte received by the fake Bot
 * API, minus the time that belongs to Fal (submit → job done, plus the span of the image downloads
 * it served). What is left is the bot's own overhead: reaching the submit, noticing completion
 * (status stream; `--polling` makes the fake refuse the stream, so the fallback polls are measured),
 * fetching the result, and uploading the album. The fake's multipart parsing comes after the last
 * byte and is shown apart, not counted. `--telegram-ms N` answers Bot API calls N ms late, like
 * Telegram over a network, to show which of its round trips lie on the path.
 */
const quick = process.argv.includes("--quick");
const runs = quick ? 6 : 15;
const LATENCY_MS = 1500;
const JITTER_MS = 500;

const api = await new FakeBotApi().start();
const telegramMs = process.argv.includes("--telegram-ms")
  ? Number(process.argv[process.argv.indexOf("--telegram-ms") + 1])
  : 0;
api.answerDelayMs = telegramMs;
const fal = await new FakeFal().start();
fal.latencyMs = LATENCY_MS;
fal.latencyJitterMs = JITTER_MS; // completion at a random phase of any poll cycle
fal.fullSize = true;
if (process.argv.includes("--polling")) fal.statusStream = false;
const bot = await startBot(api, tempSqliteUrl(), {
  FAL_API_KEY: fal.key,
  FAL_BASE_URL: fal.baseUrl,
  FAL_RETRIES: "off",
  LOG_LEVEL: "warn",
});
const anyMessage = { message_id: 1, date: 0, chat: { id: OWNER_ID, type: "private" }, text: "card" };

async function waitFor(
  since: number,
  predicate: (call: RecordedCall) => boolean,
  timeoutMs = 30_000,
): Promise<RecordedCall> {
  return api.waitForCall(predicate, { since, timeoutMs });
}

async function say(update: Record<string, unknown>): Promise<RecordedCall> {
  const since = api.calls.length;
  api.push(update);
  return waitFor(since, isChatOutput);
}

type Row = Record<
  | "endToEnd"
  | "fal"
  | "overhead"
  | "toSubmit"
  | "doneToResult"
  | "resultToDownload"
  | "downloads"
  | "lastImageToAlbum"
  | "albumUpload"
  | "albumParse"
  | "statusRequests",
  number
>;
const rows: Row[] = [];
try {
  await say(textMessage("/new"));
  await say(textMessage("Bench lamp"));
  await say(textMessage("A floor lamp of recycled plastic and oak"));
  await say(callback("flow:skip", anyMessage));
  await say(callback("flow:mb:skip", anyMessage));
  for (let run = -1; run < runs; run++) {
    const since = api.calls.length;
    const counts = { ...fal.counts };
    const updateId = api.push(callback("ai:1:mb", anyMessage));
    const album = await waitFor(since, (c) => c.method === "sendMediaGroup");
    const steering = await waitFor(
      since,
      (c) => c.method === "sendMessage" && String(c.payload.text ?? "").includes("Seed"),
    );
    await waitFor(api.calls.indexOf(steering), (c) => c.method === "deleteMessage"); // the status message goes last
    if (run < 0) continue; // warm-up (first Fal client, first sharp/undici use)
    const [requestId, times] = [...fal.timeline].at(-1)!;
    const images = fal.downloads.filter((d) => d.name.startsWith(`${requestId}-`));
    const [firstStart, lastEnd] = [Math.min(...images.map((d) => d.start)), Math.max(...images.map((d) => d.end))];
    const falTime = times.readyAt! - times.submitAt + (lastEnd - firstStart);
    // Until the album's last byte reached the fake: parsing the multipart is the fake's time, not the bot's.
    const endToEnd = album.bodyAt - api.deliveredAt.get(updateId)!;
    rows.push({
      endToEnd,
      fal: falTime,
      overhead: endToEnd - falTime,
      toSubmit: times.submitAt - api.deliveredAt.get(updateId)!,
      doneToResult: times.resultAt! - times.readyAt!,
      resultToDownload: firstStart - times.resultAt!,
      downloads: lastEnd - firstStart,
      lastImageToAlbum: album.startedAt - lastEnd,
      albumUpload: album.bodyAt - album.startedAt,
      albumParse: album.receivedAt - album.bodyAt,
      statusRequests: fal.counts.statusPolls - counts.statusPolls + fal.counts.statusStreams - counts.statusStreams,
    });
  }
} finally {
  await bot.stop();
  await fal.close();
  await api.close();
}

const line = (label: string, values: number[]) =>
  `${label.padEnd(48)} median ${fmt(median(values)).padStart(7)} ms   p90 ${fmt(percentile(values, 90)).padStart(7)} ms`;
const of = (key: keyof Row) => rows.map((r) => r[key]);
console.log(
  `Fal call overhead${fal.statusStream ? "" : " (no status stream: polling)"}: ${rows.length} moodboards of 4 × 1024² JPEG, fake Fal done ${LATENCY_MS}–${LATENCY_MS + JITTER_MS} ms after submit${telegramMs ? `, Bot API answers after ${telegramMs} ms` : ""}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(line("tap → album's last byte received (end to end)", of("endToEnd")));
console.log(line("inside Fal (submit → done + download span)", of("fal")));
console.log(line("bot overhead (target ≤ 50 ms)", of("overhead")));
console.log(line("  tap → submit received", of("toSubmit")));
console.log(line("  done → result fetched (status stream/poll)", of("doneToResult")));
console.log(line("  result → first image requested", of("resultToDownload")));
console.log(line("  last image served → album request starts", of("lastImageToAlbum")));
console.log(line("  album upload (first → last byte)", of("albumUpload")));
console.log(line("(not counted) fake Bot API parsing the album", of("albumParse")));
console.log(line("(Fal) image downloads, 4 in parallel", of("downloads")));
console.log(
  `Status requests per generation (stream + polls): median ${median(of("statusRequests"))}, max ${Math.max(...of("statusRequests"))}.`,
);
console.log("The collage is not on this path: it is made only when the owner taps Save (see Collage).");
