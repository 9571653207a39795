import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { BotSession } from "./support/session.ts";
import { FakeFal } from "./support/fake-fal.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import { addIdea, textOf, until } from "./support/ai-helpers.ts";
import { Buttons } from "../src/bot/buttons.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { DEFAULT_IMAGE_MODEL } from "../src/services/fal/fal-service.ts";

/** Fal answers as slowly as a real image model does here; the bot answers other taps meanwhile. */
const FAL_LATENCY_MS = 3_000;

describe("a moodboard from the project's reference picture (Fal storage + image-to-image)", () => {
  const fal = new FakeFal();
  let session: BotSession;
  let reference: Buffer;
  let id = 0;

  beforeAll(async () => {
    await fal.start();
    session = await new BotSession({
      env: { FAL_API_KEY: fal.key, FAL_RETRIES: "off", FAL_BASE_URL: fal.baseUrl },
    }).start();
    reference = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#7a8b5c" } })
      .jpeg()
      .toBuffer();
    session.api.addFile("ref-vase", reference);
    id = await addIdea(session.chat, "Ваза", "Ваза из зелёной керамики", "ref-vase");
  });
  /** The project's newest moodboard draft, as the bot keeps it. */
  const draftData = () =>
    JSON.parse(
      sqliteRows<{ data: string }>(
        session.databaseUrl,
        "SELECT data FROM AiDraft WHERE kind = 'moodboard' AND projectId = ? ORDER BY id DESC LIMIT 1",
        id,
      )[0].data,
    );
  afterAll(async () => {
    await session?.close();
    await fal.close();
  });

  it("the Moodboards screen offers the picture and the description; its exact bytes reach the model through Fal storage", async () => {
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const screen = await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const fromReference = Buttons.ai.pack({ projectId: id, action: "fromReference" });
    expect(buttonsOf(screen).find((b) => b.data === fromReference)?.text).toBe("🖼✨ По фото и описанию");
    // What a new board bills is on the screen before the first tap.
    expect(textOf(screen)).toContain("💳 Новый мудборд — 4 изображения Fal");

    fal.latencyMs = FAL_LATENCY_MS;
    const since = session.api.calls.length;
    await session.chat.tap(fromReference, (c) => c.method === "sendMessage");
    // The tap returned at once; while Fal works, the bot answers /start.
    const asked = Date.now();
    await session.chat.send("/start");
    expect(Date.now() - asked).toBeLessThan(1_000);
    const steering = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"),
      { since, timeoutMs: 20_000 },
    );
    expect(textOf(steering)).toContain(DEFAULT_IMAGE_MODEL);
    // The job ends by removing its status message.
    await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(steering) });

    const [stored] = [...fal.storage.files.values()];
    expect(fal.storage.files.size).toBe(1);
    expect(stored.bytes.equals(reference)).toBe(true);
    expect(stored.contentType).toBe("image/jpeg");
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(fal.storage.fileAt(submit.input.image_url)?.bytes.equals(reference)).toBe(true);
    expect(submit.input.strength).toBeGreaterThan(0);
    // Never a Telegram file URL (it carries the bot's token).
    expect(JSON.stringify(fal.submits)).not.toContain(session.api.token);
  });

  it("a re-rolled tile starts from the same uploaded copy (no second upload)", async () => {
    fal.latencyMs = undefined;
    const before = fal.submits.length;
    const tile = session.api.calls
      .flatMap((c) => buttonsOf(c))
      .map((b) => b.data ?? "")
      .findLast((data) => Buttons.moodboard.unpack(data)?.action === "tile")!;
    const since = session.api.calls.length;
    await session.chat.tap(tile, (c) => c.method === "sendMessage");
    await until(() => fal.submits.length > before && fal.submits.at(-1));
    const steering = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"),
      { since, timeoutMs: 15_000 },
    );
    await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(steering) });
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(fal.storage.files.size).toBe(1);
    expect(fal.storage.fileAt(submit.input.image_url)?.bytes.equals(reference)).toBe(true);
  });

  it("🔀 varies one tile a little and 🌀 a lot: four new images from that tile's own picture", async () => {
    const steering = () =>
      session.api.calls.findLast((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"))!;
    const vary = async (code: string) => {
      const data = buttonsOf(steering())
        .map((b) => b.data ?? "")
        .find((d) => Buttons.moodboard.unpack(d)?.action === "vary" && d.endsWith(`:${code}`))!;
      const tiles = session.api.calls.findLast((c) => c.method === "sendMediaGroup")!;
      const seeds = (draftData().tiles as { seed: number }[]).map((tile) => tile.seed);
      const before = fal.submits.length;
      const since = session.api.calls.length;
      await session.chat.tap(data, (c) => c.method === "sendMessage");
      const next = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"), {
        since,
        timeoutMs: 15_000,
      });
      await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(next) });
      expect(fal.submits.length).toBe(before + 1);
      return { submit: fal.submits.at(-1)!, tiles, seeds };
    };
    const subtle = await vary("2s");
    expect(subtle.submit.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(subtle.submit.input).toMatchObject({ strength: 0.35, num_images: 4 });
    // A variation keeps its tile's seed: the same vary again gives the same images.
    expect(subtle.submit.input.seed).toBe(subtle.seeds[1]);
    expect(subtle.submit.input.image_url).toMatch(new RegExp(`^${fal.baseUrl}/files/.+\\.png$`));
    const strong = await vary("4h");
    expect(strong.submit.input).toMatchObject({ strength: 0.7, num_images: 4 });
    expect(strong.submit.input.image_url).not.toBe(subtle.submit.input.image_url);
  });

  it("✏️ Edit the prompt: the model's prompt is shown, and the owner's words reach the model exactly", async () => {
    const steering = session.api.calls.findLast((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"))!;
    const remix = buttonsOf(steering)
      .map((b) => b.data ?? "")
      .find((d) => Buttons.moodboard.unpack(d)?.action === "remix")!;
    const ask = await session.chat.tap(remix);
    expect(ask.payload.text).toContain("Запрос к модели сейчас такой");
    expect(ask.payload.text).toMatch(/<code>.+<\/code>/s);
    const words = "green ceramic vase, moss glaze <matte> & soft studio light";
    const before = fal.submits.length;
    const since = session.api.calls.length;
    const ack = await session.chat.send(words);
    expect(ack.payload.text).toContain("Запрос изменён");
    const next = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"), {
      since,
      timeoutMs: 15_000,
    });
    await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(next) });
    expect(fal.submits.length).toBe(before + 1);
    expect(fal.submits.at(-1)!.input.prompt).toBe(words);
    // Still a board from the reference picture, now steered by the owner's words.
    expect(fal.submits.at(-1)!.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(textOf(next)).toContain("green ceramic vase, moss glaze &lt;matte&gt; &amp; soft studio light");
  });

  it("a saved board records how it was made, and the Moodboards screen says so", async () => {
    const steering = session.api.calls.findLast((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"))!;
    const save = buttonsOf(steering).find((b) => b.data?.endsWith(":save"))!.data!;
    const before = session.api.calls.length;
    await session.chat.tap(save, (c) => c.method === "sendPhoto");
    await session.api.waitForCall((c) => c.method === "sendPhoto" && textOf(c).includes("Мудборд сохранён"), {
      since: before,
    });
    const [board] = await until(() => {
      const rows = sqliteRows<{ meta: string }>(
        session.databaseUrl,
        "SELECT meta FROM ProjectAsset WHERE kind = 'moodboard' AND projectId = ?",
        id,
      );
      return rows.length > 0 && rows;
    });
    expect(JSON.parse(board.meta)).toMatchObject({ source: "reference", model: DEFAULT_IMAGE_MODEL });
    const screen = await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    // Over the newest collage: the list is the photo's caption (in the edited media when the screen had a photo).
    const media = typeof screen.payload.media === "string" ? JSON.parse(screen.payload.media) : screen.payload.media;
    expect(media?.caption ?? textOf(screen)).toMatch(/1\. .+ · по фото и описанию · seed \d+ · 1:1/);
  });
});
