import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { BotSession } from "./support/session.ts";
import { FakeFal } from "./support/fake-fal.ts";
import { albumPhoto, buttonsOf, callback, photoMessage } from "./support/owner-chat.ts";
import { addIdea, textOf, until } from "./support/ai-helpers.ts";
import { MoodboardPage } from "./support/moodboard-page.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";
import { DEFAULT_IMAGE_MODEL, DEFAULT_UPSCALE_MODEL } from "../src/services/fal/fal-service.ts";
import { PHOTO_PROMPT } from "../src/bot/features/ai/moodboard-job.ts";

/** Midjourney-style steering through the production entry point: the photo alone, ⬆️ upscale, a photo sent as is. */
describe("moodboard steering: from the picture alone, upscale, a loose photo", () => {
  const fal = new FakeFal();
  let session: BotSession;
  let board: MoodboardPage;
  let reference: Buffer;
  let id = 0;

  const toast = async (data: string) =>
    String((await session.chat.tap(data, (c) => c.method === "answerCallbackQuery")).payload.text ?? "");
  const assets = (kind: string) =>
    sqliteRows<{ projectId: number; meta: string; telegramFileId: string }>(
      session.databaseUrl,
      "SELECT projectId, meta, telegramFileId FROM ProjectAsset WHERE kind = ? ORDER BY id",
      kind,
    );

  beforeAll(async () => {
    await fal.start();
    session = await new BotSession({
      env: { FAL_API_KEY: fal.key, FAL_RETRIES: "off", FAL_BASE_URL: fal.baseUrl },
    }).start();
    board = new MoodboardPage(session);
    reference = await sharp({ create: { width: 200, height: 150, channels: 3, background: "#a0522d" } })
      .jpeg()
      .toBuffer();
    session.api.addFile("ref-stool", reference);
    id = await addIdea(session.chat, "Табурет", "Табурет из гнутой фанеры", "ref-stool");
  });
  afterAll(async () => {
    await session?.close();
    await fal.close();
  });

  it("🖼 From the picture alone: no words of the owner, the reference's bytes, the board recorded as «только по фото»", async () => {
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const screen = await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const fromPhoto = Buttons.ai.pack({ projectId: id, action: "fromPhoto" });
    expect(buttonsOf(screen).find((b) => b.data === fromPhoto)?.text).toBe("🖼 Только по фото");
    await board.tapForBoard(fromPhoto);
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(submit.input.prompt).toBe(PHOTO_PROMPT);
    expect(submit.input.prompt).not.toContain("фанер");
    expect(fal.storage.fileAt(submit.input.image_url)?.bytes.equals(reference)).toBe(true);
  });

  it("⬆️ sends one tile 4× larger as a file, once: a second tap sends nothing, a tap meanwhile waits its turn", async () => {
    const before = fal.submits.length;
    fal.latencyMs = 1_500;
    const since = session.api.calls.length;
    await session.chat.tap(board.button("upscale", "2"), (c) => c.method === "answerCallbackQuery");
    // One upscale at a time: another tile's ⬆️ meanwhile is answered, not started.
    expect(await toast(board.button("upscale", "3"))).toContain("Уже увеличиваю");
    const file = await board.upscaled(since);
    fal.latencyMs = undefined;
    expect(fal.submits.length).toBe(before + 1);
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe(`/${DEFAULT_UPSCALE_MODEL}`);
    expect(submit.input).toMatchObject({ upscaling_factor: 4 });
    expect(submit.input.image_url).toMatch(new RegExp(`^${fal.baseUrl}/files/.+-64x64\\.png$`));
    const [sent] = Object.values(file.files);
    expect(sent.name).toMatch(/^moodboard-\d+-2-4x\.png$/);
    expect(await sharp(sent.bytes).metadata()).toMatchObject({ width: 256, height: 256 });
    expect(textOf(file)).toContain("Картинка № 2, увеличенная ×4: 256×256");
    await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(file) });

    expect(await toast(board.button("upscale", "2"))).toContain("уже увеличена");
    await session.chat.settle();
    expect(fal.submits.length).toBe(before + 1);
  });

  it("✖️ Stop on the progress: Fal is told to cancel, no album comes, Retry makes it again; a late ✖️ stops nothing", async () => {
    fal.latencyMs = 4_000;
    try {
      for (const [start, stopArg] of [
        [board.button("all"), undefined],
        [board.button("upscale", "4"), "up"],
      ] as const) {
        const since = session.api.calls.length;
        const submits = fal.submits.length;
        await session.chat.tap(start, (c) => c.method === "answerCallbackQuery");
        const stop = Buttons.moodboard.pack({ draftId: Buttons.moodboard.unpack(start)!.draftId, action: "stop" });
        const stopData = stopArg ? `${stop}:${stopArg}` : stop;
        await until(() => session.api.messageWithButton(stopData) && fal.submits.length > submits);
        const progress = session.api.messageWithButton(stopData)!;
        expect(String(progress.text)).toMatch(/⏳|🎨|⬆️/);
        const answer = await session.chat.tap(stopData, (c) => c.method === "answerCallbackQuery");
        expect(answer.payload.text).toContain("Останавливаю");
        const stopped = await session.api.waitForCall(
          (c) => c.method === "editMessageText" && textOf(c).includes("Остановил"),
          { since },
        );
        expect(buttonsOf(stopped).map((b) => b.text)).toEqual(["🔁 Повторить"]);
        expect(fal.cancels).toContain(fal.submits.at(-1)!.requestId);
        await session.chat.settle();
        const after = session.api.calls.slice(since);
        expect(after.filter((c) => c.method === "sendMediaGroup" || c.method === "sendDocument")).toEqual([]);
        const late = await session.chat.push(callback(stopData, progress), (c) => c.method === "answerCallbackQuery");
        expect(late.payload.text).toContain("останавливать нечего");
      }
    } finally {
      fal.latencyMs = undefined;
    }
  });

  it("a saved board keeps each tile's seed, prompt, model, how it was made and the picture it started from", async () => {
    await board.tapForBoard(board.button("tile", "1"));
    const since = session.api.calls.length;
    await session.chat.tap(board.button("save"), (c) => c.method === "answerCallbackQuery");
    await session.api.waitForCall((c) => c.method === "sendPhoto" && textOf(c).includes("Мудборд сохранён"), { since });
    const tiles = await until(() => {
      const rows = assets("moodboard_image").filter((row) => row.projectId === id);
      return rows.length === 4 && rows.map((row) => JSON.parse(row.meta));
    });
    for (const tile of tiles) {
      expect(tile).toMatchObject({ source: "photo", model: DEFAULT_IMAGE_MODEL, prompt: PHOTO_PROMPT });
      expect(tile.fromFileId).toBe("ref-stool");
      expect(Number.isInteger(tile.seed)).toBe(true);
    }
    // Tile 1 was re-rolled: a new seed, not the batch's next one.
    expect(tiles[1].seed).toBe(tiles[2].seed - 1);
    expect(tiles[0].seed).not.toBe(tiles[1].seed - 1);
    const screen = await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const media = typeof screen.payload.media === "string" ? JSON.parse(screen.payload.media) : screen.payload.media;
    expect(media?.caption ?? textOf(screen)).toMatch(/1\. .+ · только по фото · seed \d+ · 1:1/);
    const saved = buttonsOf(screen).find((b) => Buttons.savedMoodboard.unpack(b.data ?? ""))!.data!;
    const view = await session.chat.tap(saved);
    const caption = String(
      (typeof view.payload.media === "string" ? JSON.parse(view.payload.media) : view.payload.media)?.caption ??
        textOf(view),
    );
    expect(caption).toContain(`Seed картинок: <code>${tiles.map((tile) => tile.seed).join(" · ")}</code>`);
  });

  it("an album sent on its own gets one offer, for its first photo", async () => {
    session.api.addFile("album-a", reference);
    session.api.addFile("album-b", reference);
    const since = session.api.calls.length;
    const first = albumPhoto("album-a", "loose-album");
    session.api.push(first);
    session.api.push(albumPhoto("album-b", "loose-album"));
    await session.api.waitForCall((c) => c.method === "sendMessage", { since });
    await session.chat.settle();
    const answers = session.api.calls.slice(since).filter((c) => c.method === "sendMessage");
    expect(answers.map((c) => textOf(c))).toEqual([expect.stringContaining("мудборд по этому фото")]);
    expect(answers[0].payload.reply_parameters.message_id).toBe(first.message.message_id);
  });

  it("a photo sent on its own: 🎨 makes a board from it; Save turns it into a new idea with the photo as reference", async () => {
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#2e8b57" } })
      .jpeg()
      .toBuffer();
    session.api.addFile("loose-chair", photo);
    const offer = await session.chat.push(photoMessage("loose-chair", { caption: "Кресло-мешок из войлока" }));
    expect(textOf(offer)).toContain("мудборд по этому фото и подписи");
    const make = buttonsOf(offer).find((b) => b.text === "🎨 Мудборд по этому фото")!.data!;
    const steering = await board.tapForBoard(make);
    expect(textOf(steering)).toContain("Мудборд: по фото");
    const submit = fal.submits.at(-1)!;
    expect(fal.storage.fileAt(submit.input.image_url)?.bytes.equals(photo)).toBe(true);
    expect(submit.input.prompt).toContain("Кресло-мешок из войлока");
    // The offer became the progress message and is gone; a late tap on it (another device) bills nothing.
    expect(session.api.messageWithButton(make)).toBeUndefined();
    const submits = fal.submits.length;
    const late = await session.chat.push(callback(make, offer.result), (c) => c.method === "answerCallbackQuery");
    expect(late.payload.text).toContain("уже сделан");
    await session.chat.settle();
    expect(fal.submits.length).toBe(submits);

    const save = board.button("save");
    expect(buttonsOf(board.steering()).find((b) => b.data === save)?.text).toBe("💡 Сохранить как идею");
    const since = session.api.calls.length;
    await session.chat.tap(save, (c) => c.method === "answerCallbackQuery");
    const saved = await session.api.waitForCall((c) => c.method === "sendPhoto" && textOf(c).includes("новую идею"), {
      since,
    });
    expect(textOf(saved)).toContain("«Кресло-мешок из войлока»");
    const ideas = sqliteRows<{ id: number; name: string; description: string; status: string }>(
      session.databaseUrl,
      "SELECT id, name, description, status FROM Project WHERE name = ?",
      "Кресло-мешок из войлока",
    );
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({ description: "Кресло-мешок из войлока", status: "idea" });
    const references = assets("image_reference").filter((row) => row.projectId === ideas[0].id);
    expect(references.map((row) => row.telegramFileId)).toEqual(["loose-chair"]);
    await until(() => assets("moodboard").some((row) => row.projectId === ideas[0].id));
    // Saving again saves nothing more and makes no second idea.
    expect(await toast(save)).toContain("уже сохранён");
  });
});
