import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeFal } from "./support/fake-fal.ts";
import { FakeGemini } from "./support/fake-gemini.ts";
import { buttonsOf, callback, isButton } from "./support/owner-chat.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { addIdea, textOf, until } from "./support/ai-helpers.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

const fal = new FakeFal();
const gemini = new FakeGemini();
const session = new BotSession({
  env: {
    FAL_API_KEY: fal.key,
    FAL_RETRIES: "off",
    FAL_TIMEOUT_MS: "4000",
    LLM_API_KEY: gemini.apiKey,
    LLM_MODEL: "gemini-test-model",
  },
});
const query = (sql: string, ...params: unknown[]) => sqliteRows<any>(session.databaseUrl, sql, ...params);
/** The steering message of a finished generation (resolves once the status message is gone too). */
async function steeringSince(since: number): Promise<RecordedCall> {
  const steering = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"), {
    since,
    timeoutMs: 15_000,
  });
  await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(steering) });
  return steering;
}
const mediaOf = (call: RecordedCall) => JSON.parse(call.payload.media) as { type: string; media: string }[];
/** What an editMessageMedia call put on the message. */
const editedMedia = (call: RecordedCall) =>
  (typeof call.payload.media === "string" ? JSON.parse(call.payload.media) : call.payload.media) as {
    type: string;
    media: string;
    caption?: string;
  };

beforeAll(async () => {
  await fal.start();
  await gemini.start();
  // FAL_BASE_URL / GEMINI_BASE_URL must be known before the bot starts.
  (session as any).env.FAL_BASE_URL = fal.baseUrl;
  (session as any).env.GEMINI_BASE_URL = gemini.baseUrl;
  gemini.reply = (request) => ({
    text: request.prompt.includes("Translate") ? "floor lamp made of recycled plastic and oak" : "text",
  });
  await session.start();
});
afterAll(async () => {
  await session.close();
  await fal.close();
  await gemini.close();
});
beforeEach(() => fal.reset());

describe("moodboards over fake Fal + fake Gemini", () => {
  let projectId = 0;
  let draftId = 0;

  it("offers a moodboard after the photo step of /new and sends an album with one steering message", async () => {
    await session.chat.send("/new");
    await session.chat.send("Лампа <Дуб>");
    await session.chat.send("Торшер из переработанного пластика и дуба");
    const offer = await session.chat.tap(Buttons.flow.pack({ action: "skip" }));
    expect(offer.payload.text).toContain("Создать мудборд");
    const since = session.api.calls.length;
    const counts = { ...fal.counts };
    const saved = await session.chat.tap(
      Buttons.flow.pack({ action: "moodboardOffer", arg: "yes" }),
      (c) => c.method === "sendMessage" && textOf(c).startsWith("✅"),
    );
    projectId = Number(
      buttonsOf(saved)
        .find((b) => isButton(Buttons.project, b.data))!
        .data!.split(":")[1],
    );
    const steering = await steeringSince(since);
    const album = session.api.callsOf("sendMediaGroup").at(-1)!;
    expect(mediaOf(album)).toHaveLength(4);
    expect(Object.keys(album.files)).toHaveLength(4);
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe("/fal-ai/flux/schnell");
    expect(submit.input).toMatchObject({ num_images: 4, image_size: "square_hd" });
    expect(submit.input.prompt).toBe(
      "A high-resolution, photorealistic product render of a floor lamp made of recycled plastic and oak, modern design, various options, clean background, professional studio lighting, 8k, photorealism",
    );
    expect(gemini.requests.at(-1)!.prompt).toContain("Торшер из переработанного пластика");
    expect(textOf(steering)).toContain("Лампа &lt;Дуб&gt;");
    expect(textOf(steering)).toContain(`Seed: <code>${submit.input.seed}</code>`);
    // What each button bills is in sight before the first tap.
    expect(textOf(steering)).toContain(
      "💳 Fal берёт плату за каждое изображение: 🔄 — 4, 🎲 — 1, 🔀 и 🌀 — 4, ⬆️ — 1.",
    );
    const buttons = buttonsOf(steering).map((b) => b.data!);
    draftId = Number(buttons[0].split(":")[1]);
    expect(buttons).toEqual([
      Buttons.moodboard.pack({ draftId, action: "all" }),
      ...["1", "2", "3", "4"].map((arg) => Buttons.moodboard.pack({ draftId, action: "tile", arg })),
      ...["1s", "2s", "3s", "4s", "1h", "2h", "3h", "4h"].map((arg) =>
        Buttons.moodboard.pack({ draftId, action: "vary", arg }),
      ),
      ...["1", "2", "3", "4"].map((arg) => Buttons.moodboard.pack({ draftId, action: "upscale", arg })),
      ...["1x1", "4x3", "3x4", "16x9"].map((arg) => Buttons.moodboard.pack({ draftId, action: "aspect", arg })),
      Buttons.moodboard.pack({ draftId, action: "originals" }),
      Buttons.moodboard.pack({ draftId, action: "save" }),
      Buttons.moodboard.pack({ draftId, action: "remix" }),
    ]);
    // One status message, edited through the stages, then removed.
    const texts = session.api.calls
      .slice(since)
      .filter((c) => c.method === "editMessageText" || c.method === "sendMessage")
      .map(textOf);
    expect(texts.some((t) => t.includes("Жду очереди на генерацию картинок, место:"))).toBe(true);
    expect(texts.some((t) => t.includes("Генерирую изображения"))).toBe(true);
    expect(texts.some((t) => t.includes("Загружаю в Telegram"))).toBe(true);
    expect(
      session.api.calls.slice(since).some((c) => c.method === "sendChatAction" && c.payload.action === "upload_photo"),
    ).toBe(true);
    // Progress and completion came over Fal's status stream: not one status poll.
    expect(fal.counts.statusStreams).toBe(counts.statusStreams + 1);
    expect(fal.counts.statusPolls).toBe(counts.statusPolls);
    expect(query("SELECT * FROM ProjectAsset WHERE kind LIKE 'moodboard%'")).toHaveLength(0);
  });

  it("re-rolls one tile with a new seed, keeping the other three, and removes the old album", async () => {
    const before = session.api.callsOf("sendMediaGroup").at(-1)!;
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "tile", arg: "2" }));
    await steeringSince(since);
    expect(fal.submits.at(-1)!.input.num_images).toBe(1);
    const album = session.api.callsOf("sendMediaGroup").at(-1)!;
    const media = mediaOf(album);
    expect(media[1].media.startsWith("attach://")).toBe(true);
    expect(media.filter((m) => !m.media.startsWith("attach://")).map((m) => m.media)).toEqual(
      [0, 2, 3].map((i) => before.result[i].photo[0].file_id),
    );
    const deleted = await session.api.waitForCall((c) => c.method === "deleteMessages", { since });
    expect(JSON.parse(JSON.stringify(deleted.payload.message_ids))).toEqual(
      expect.arrayContaining(before.result.map((m: any) => m.message_id)),
    );
  });

  it("changes the aspect ratio", async () => {
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "aspect", arg: "16x9" }));
    const steering = await steeringSince(since);
    expect(fal.submits.at(-1)!.input).toMatchObject({ image_size: "landscape_16_9", num_images: 4 });
    expect(textOf(steering)).toContain("формат 16:9");
  });

  it("a slow Telegram does not hold up Fal's submit; one status message, edited in order, then removed", async () => {
    session.api.answerDelayMs = 300;
    try {
      const since = session.api.calls.length;
      await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "all" }));
      const steering = await steeringSince(since);
      const status = session.api.calls.slice(since).find((c) => c.method === "sendMessage")!;
      expect(textOf(status)).toContain("Готовлю запрос");
      // The submit went out before Telegram answered the tap or created the status message.
      expect([...fal.timeline.values()].at(-1)!.submitAt).toBeLessThan(status.startedAt + 300);
      const calls = session.api.calls.slice(since);
      expect(calls.filter((c) => c.method === "sendMessage")).toEqual([status, steering]);
      const statusId = status.result.message_id;
      const edits = calls.filter((c) => c.method === "editMessageText");
      expect(edits.length).toBeGreaterThan(0);
      expect(
        edits.every((c) => Number(c.payload.message_id) === statusId && c.startedAt > status.startedAt + 300),
      ).toBe(true);
      expect(edits.map(textOf).at(-1)).toContain("Загружаю в Telegram");
      await session.api.waitForCall((c) => c.method === "deleteMessage" && Number(c.payload.message_id) === statusId, {
        since,
      });
    } finally {
      session.api.answerDelayMs = 0;
      // The generation ends (and frees the draft for the next tap) once that deletion is answered.
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  });

  it("answers other commands while a generation is still running", async () => {
    fal.queuePolls = 4;
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "all" }), (c) => c.method === "sendMessage");
    // The list, not the status message's progress edits meanwhile.
    const list = await session.chat.send("/ideas", (c) => c.method === "sendMessage" && textOf(c).includes("Лампа"));
    expect(list.payload.text).toContain("Лампа");
    const albumAt = session.api.calls.findIndex((c, i) => i >= since && c.method === "sendMediaGroup");
    expect(albumAt).toBe(-1);
    await steeringSince(since);
    fal.queuePolls = 1;
  });

  it("a moodboard cut short by a crash is reported after the restart, with a Retry that makes it again", async () => {
    fal.latencyMs = 30_000;
    const since = session.api.calls.length;
    const submitted = fal.timeline.size;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "all" }), (c) => c.method === "sendMessage");
    await until(() => fal.timeline.size > submitted);
    await session.crashAndRestart();
    fal.latencyMs = undefined;
    const notice = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && textOf(c).includes("перезапустился"),
      { since, timeoutMs: 15_000 },
    );
    expect(textOf(notice)).toContain("делал мудборд");
    expect(buttonsOf(notice).map((b) => b.data)).toEqual([Buttons.moodboard.pack({ draftId, action: "all" })]);
    const again = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "all" }));
    await steeringSince(again);
    // Reported once: once the retried moodboard has ended, a second restart has nothing left to report.
    await until(() => query("SELECT id FROM BackgroundJob WHERE state != 'done'").length === 0);
    await session.crashAndRestart();
    await session.chat.send("/start");
    expect(session.api.calls.filter((c) => textOf(c).includes("перезапустился"))).toHaveLength(1);
  });

  // Without a usable stream the bot polls at once (fast); a silent stream is caught by the 3 s poll alongside it.
  for (const [name, arm, withinMs] of [
    ["Fal without the status stream (404)", () => (fal.statusStream = false), 2500],
    ["the status stream answering 500", () => fal.failNext("status", 500), 2500],
    ["a status stream answered as open-ended JSON", () => (fal.statusStream = "json"), 2500],
    [
      "a status stream gone silent after its first event",
      () => ((fal.statusStream = "stall"), (fal.queuePolls = 0)),
      8000,
    ],
  ] as const) {
    it(`${name}: status polls finish the job, progress still shown`, async () => {
      arm();
      const polls = fal.counts.statusPolls;
      const since = session.api.calls.length;
      const started = Date.now();
      await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "all" }));
      await steeringSince(since);
      expect(Date.now() - started).toBeLessThan(withinMs);
      expect(fal.counts.statusPolls).toBeGreaterThan(polls);
      const texts = session.api.calls
        .slice(since)
        .filter((c) => c.method === "editMessageText" || c.method === "sendMessage")
        .map(textOf);
      expect(texts.some((t) => t.includes("Генерирую изображения"))).toBe(true);
    });
  }

  it("sends the originals as documents", async () => {
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "originals" }));
    const docs = await session.api.waitForCall((c) => c.method === "sendMediaGroup", { since });
    expect(mediaOf(docs).map((m) => m.type)).toEqual(["document", "document", "document", "document"]);
    expect(Object.values(docs.files).map((f) => f.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^moodboard-\d+-1\.jpg$/)]),
    );
  });

  it("saves the moodboard: a 2×2 collage photo and asset rows with file ids, prompt, seed, model, aspect", async () => {
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "save" }));
    const photo = await session.api.waitForCall((c) => c.method === "sendPhoto", { since });
    expect(textOf(photo)).toContain("Мудборд сохранён");
    const collage = await sharp(Object.values(photo.files)[0].bytes).metadata();
    expect(collage.format).toBe("jpeg");
    expect(collage.width).toBeGreaterThan(collage.height!); // 16:9 tiles → a wide collage
    await until(() => query("SELECT * FROM ProjectAsset WHERE kind = 'moodboard'").length === 1);
    const [board] = query("SELECT * FROM ProjectAsset WHERE kind = 'moodboard'");
    const images = query("SELECT * FROM ProjectAsset WHERE kind = 'moodboard_image' ORDER BY id");
    expect(board.projectId).toBe(projectId);
    expect(board.telegramFileId).toBe(photo.result.photo[0].file_id);
    expect(JSON.parse(board.meta)).toMatchObject({
      model: "fal-ai/flux/schnell",
      aspect: "16x9",
      prompt: expect.stringContaining("floor lamp"),
    });
    expect(images).toHaveLength(4);
    expect(images.every((row) => row.telegramFileId && JSON.parse(row.meta).seed >= 0)).toBe(true);
    // Without Notion nothing is queued for it.
    expect(query("SELECT * FROM SyncJob")).toHaveLength(0);
    expect(JSON.parse(board.meta).notionCaption).toBeUndefined();
  });

  it("lists saved moodboards from the card and shows one", async () => {
    const card = await session.chat.tap(Buttons.project.pack({ id: projectId, action: "open" }));
    expect(buttonsOf(card).map((b) => b.data)).toEqual(
      expect.arrayContaining([
        Buttons.ai.pack({ projectId, action: "moodboards" }),
        Buttons.ai.pack({ projectId, action: "texts" }),
      ]),
    );
    const [board] = query("SELECT id, telegramFileId FROM ProjectAsset WHERE kind = 'moodboard'");
    // The card (tapped on the saved collage) and the screens after it show the collage, edited in place.
    expect(card.method).toBe("editMessageMedia");
    expect(editedMedia(card).media).toBe(board.telegramFileId);
    const list = await session.chat.tap(Buttons.ai.pack({ projectId, action: "moodboards" }));
    expect(editedMedia(list).caption).toContain("Мудборды «Лампа &lt;Дуб&gt;»");
    const view = await session.chat.tap(Buttons.savedMoodboard.pack({ id: board.id }));
    expect(view.method).toBe("editMessageMedia");
    expect(editedMedia(view)).toMatchObject({ type: "photo", media: board.telegramFileId });
  });

  for (const [status, expected] of [
    [401, "Fal не принял ключ"],
    [422, "Fal не принял запрос"],
    [429, "Fal просит подождать"],
    [500, "Fal сейчас недоступен"],
  ] as const) {
    it(`Fal ${status}: one clear message with Retry, nothing saved`, async () => {
      const assets = query("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n;
      fal.failNext("submit", status);
      const since = session.api.calls.length;
      await session.chat.tap(Buttons.ai.pack({ projectId, action: "newMoodboard" }));
      const fault = await session.api.waitForCall(
        (c) => c.method === "editMessageText" && textOf(c).includes(expected),
        { since },
      );
      const retry = buttonsOf(fault).find((b) => b.text.includes("Повторить"))!;
      expect(retry.data).toMatch(/^mb:\d+:all$/);
      expect(query("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n).toBe(assets);
      // Retry on the same message succeeds once Fal recovers.
      const again = session.api.calls.length;
      await session.chat.push(
        callback(retry.data!, {
          message_id: fault.payload.message_id,
          date: 0,
          chat: { id: fault.payload.chat_id, type: "private" },
          text: textOf(fault),
        }),
      );
      await steeringSince(again);
    });
  }

  it("no result within the time limit: says so with Retry", async () => {
    fal.hang = true;
    fal.keepAliveMs = 200; // the open status stream carries only keep-alive comments meanwhile
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.ai.pack({ projectId, action: "newMoodboard" }));
    const fault = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && textOf(c).includes("не прислал картинки вовремя"),
      { since, timeoutMs: 10_000 },
    );
    expect(buttonsOf(fault).some((b) => isButton(Buttons.moodboard, b.data))).toBe(true);
    // The request nobody waits for is cancelled at Fal.
    await until(() => fal.cancels.includes(fal.submits.at(-1)!.requestId));
  });

  it("an emoji-only idea with an emoji-only name asks for words instead of generating", async () => {
    const id = await addIdea(session.chat, "🌿🪴", "🌿🌿🌿");
    const submits = fal.submits.length;
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const answer = await session.chat.tap(
      Buttons.ai.pack({ projectId: id, action: "newMoodboard" }),
      (c) => c.method === "sendMessage",
    );
    expect(answer.payload.text).toContain("нужно описание словами");
    expect(fal.submits.length).toBe(submits);
  });

  it("Save runs once per set of tiles: a double tap, 300 taps and a later tap save nothing more", async () => {
    const boards = () => query("SELECT id FROM ProjectAsset WHERE kind = 'moodboard'").length;
    const before = boards();
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.moodboard.pack({ draftId, action: "tile", arg: "2" }));
    await steeringSince(since);
    const steering = session.chat.messageWithButton(Buttons.moodboard.pack({ draftId, action: "save" }));
    session.api.push(callback(Buttons.moodboard.pack({ draftId, action: "save" }), steering));
    await new Promise((resolve) => setTimeout(resolve, 150));
    session.api.push(callback(Buttons.moodboard.pack({ draftId, action: "save" }), steering));
    await until(() => boards() === before + 1);
    for (let i = 0; i < 300; i++)
      session.api.push(callback(Buttons.moodboard.pack({ draftId, action: "save" }), steering));
    await session.chat.settle(30_000);
    const later = await session.chat.push(
      callback(Buttons.moodboard.pack({ draftId, action: "save" }), steering),
      (c) => c.method === "answerCallbackQuery",
    );
    expect(later.payload.text).toContain("уже сохранён");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(boards()).toBe(before + 1);
    const collages = session.api.calls
      .slice(since)
      .filter((c) => c.method === "sendPhoto" && textOf(c).includes("сохранён"));
    expect(collages).toHaveLength(1);
  });

  it("never writes the keys to the log", () => {
    expect(session.bot.output).not.toContain(fal.key);
    expect(session.bot.output).not.toContain(gemini.apiKey);
  });
});

describe("fal-ai/fast-sdxl and Fal switched off", () => {
  const sdxl = new FakeFal();
  const other = new BotSession({ env: { FAL_API_KEY: sdxl.key, FAL_MODEL: "fal-ai/fast-sdxl", FAL_RETRIES: "off" } });
  const off = new BotSession();
  beforeAll(async () => {
    await sdxl.start();
    (other as any).env.FAL_BASE_URL = sdxl.baseUrl;
    await Promise.all([other.start(), off.start()]);
  });
  afterAll(async () => {
    await Promise.all([other.close(), off.close()]);
    await sdxl.close();
  });

  it("generates with fast-sdxl (negative prompt, description as-is without Gemini)", async () => {
    const id = await addIdea(other.chat, "Chair", "a stackable chair of bent plywood");
    await other.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await other.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const since = other.api.calls.length;
    await other.chat.tap(Buttons.ai.pack({ projectId: id, action: "newMoodboard" }));
    await other.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"), { since });
    expect(sdxl.submits[0].path).toBe("/fal-ai/fast-sdxl");
    expect(sdxl.submits[0].input.prompt).toContain("product render of a a stackable chair of bent plywood");
    expect(sdxl.submits[0].input.negative_prompt).toBeTruthy();
  });

  it("without FAL_API_KEY the button explains how to enable moodboards and /new does not offer one", async () => {
    await off.chat.send("/new");
    await off.chat.send("Idea");
    await off.chat.send("Something");
    const saved = await off.chat.tap(Buttons.flow.pack({ action: "skip" }));
    expect(saved.payload.text).toContain("✅");
    const id = Number(
      buttonsOf(saved)
        .find((b) => isButton(Buttons.project, b.data))!
        .data!.split(":")[1],
    );
    await off.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const since = off.api.calls.length;
    off.api.push(
      callback(
        Buttons.ai.pack({ projectId: id, action: "newMoodboard" }),
        off.chat.messageWithButton(Buttons.ai.pack({ projectId: id, action: "moodboards" })),
      ),
    );
    const alert = await off.api.waitForCall(
      (c) => c.method === "answerCallbackQuery" && String(c.payload.text ?? "").includes("FAL_API_KEY"),
      { since },
    );
    expect(alert.payload.show_alert).toBe(true);
  });
});
