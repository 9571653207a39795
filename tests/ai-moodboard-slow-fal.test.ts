import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { BotSession } from "./support/session.ts";
import { FakeFal } from "./support/fake-fal.ts";
import { addIdea, textOf } from "./support/ai-helpers.ts";
import { MoodboardPage } from "./support/moodboard-page.ts";
import { Buttons } from "../src/bot/buttons.ts";

/** Fal's image-to-image models and upscalers take 5–30 s (../shared/REFERENCE.md): the fake answers after 10 s. */
const FAL_LATENCY_MS = 10_000;

/**
 * A board from the reference, a variation and an upscale each complete with Fal as slow as it really is, and while
 * each runs the bot answers /start within a second: no update waits on Fal.
 */
describe("moodboards with Fal at real latency (10 s a request)", () => {
  const fal = new FakeFal();
  let session: BotSession;
  let board: MoodboardPage;
  let id = 0;

  /** Taps `data`, then sends /start while the job runs: the answer's delay, and the job's length. */
  async function whileFalWorks(data: string, done: (since: number) => Promise<unknown>) {
    const since = session.api.calls.length;
    const tapped = Date.now();
    await session.chat.tap(data, (c) => c.method === "answerCallbackQuery");
    const tapAnswered = Date.now() - tapped;
    const asked = Date.now();
    const menu = await session.chat.send("/start");
    const startAnswered = Date.now() - asked;
    await done(since);
    return { tapAnswered, startAnswered, took: Date.now() - tapped, menu };
  }

  beforeAll(async () => {
    await fal.start();
    session = await new BotSession({
      env: { FAL_API_KEY: fal.key, FAL_RETRIES: "off", FAL_BASE_URL: fal.baseUrl },
    }).start();
    board = new MoodboardPage(session);
    const reference = await sharp({ create: { width: 160, height: 120, channels: 3, background: "#6b8e23" } })
      .jpeg()
      .toBuffer();
    session.api.addFile("ref-slow", reference);
    id = await addIdea(session.chat, "Подсвечник", "Подсвечник из латуни", "ref-slow");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    fal.latencyMs = FAL_LATENCY_MS;
  });
  afterAll(async () => {
    await session?.close();
    await fal.close();
  });

  it("a board from the reference", { timeout: 60_000 }, async () => {
    const run = await whileFalWorks(Buttons.ai.pack({ projectId: id, action: "fromReference" }), (since) =>
      board.nextBoard(since, 40_000),
    );
    expect(run.tapAnswered).toBeLessThan(1_000);
    expect(run.startAnswered).toBeLessThan(1_000);
    expect(textOf(run.menu)).toContain("Designflow");
    expect(run.took).toBeGreaterThanOrEqual(FAL_LATENCY_MS);
    expect(fal.submits.at(-1)!.input.image_url).toBeDefined();
  });

  it("🔀 a variation", { timeout: 60_000 }, async () => {
    const run = await whileFalWorks(board.button("vary", "3s"), (since) => board.nextBoard(since, 40_000));
    expect(run.tapAnswered).toBeLessThan(1_000);
    expect(run.startAnswered).toBeLessThan(1_000);
    expect(run.took).toBeGreaterThanOrEqual(FAL_LATENCY_MS);
    expect(fal.submits.at(-1)!.input.strength).toBe(0.35);
  });

  it("⬆️ an upscale", { timeout: 60_000 }, async () => {
    const run = await whileFalWorks(board.button("upscale", "1"), (since) => board.upscaled(since, 40_000));
    expect(run.tapAnswered).toBeLessThan(1_000);
    expect(run.startAnswered).toBeLessThan(1_000);
    expect(run.took).toBeGreaterThanOrEqual(FAL_LATENCY_MS);
    expect(fal.submits.at(-1)!.path).toBe("/fal-ai/aura-sr");
  });
});
