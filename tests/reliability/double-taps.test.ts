import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeFal } from "../support/fake-fal.ts";
import { FakeGemini } from "../support/fake-gemini.ts";
import { addIdea, textOf } from "../support/ai-helpers.ts";
import { callback } from "../support/owner-chat.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import { sqliteRows } from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "What the outside world sends back";
const fal = new FakeFal();
const gemini = new FakeGemini();
const session = new BotSession({
  env: { FAL_API_KEY: fal.key, FAL_RETRIES: "off", LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model" },
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows = <T>(query: string) => sqliteRows<T>(session.databaseUrl, query);

/** Taps `data` on the message showing it `times` times, `gapMs` apart, and waits until every tap is handled. */
async function tapRepeatedly(data: string, times: number, gapMs: number): Promise<void> {
  const message = session.chat.messageWithButton(data);
  for (let i = 0; i < times; i++) {
    session.api.push(callback(data, message));
    if (gapMs) await pause(gapMs);
  }
  await session.chat.settle(60_000);
}

/** Until the fakes have been quiet for 2.5 s (longer than any one answer): every job the taps started has ended. */
async function quiet(): Promise<void> {
  let last = -1;
  await until(
    () => {
      const calls = session.api.calls.filter((c) => c.method !== "getUpdates").length;
      const now = calls + fal.submits.length + gemini.requests.length;
      const still = now === last;
      last = now;
      return still;
    },
    60_000,
    2500,
  );
}

beforeAll(async () => {
  await Promise.all([fal.start(), gemini.start()]);
  Object.assign((session as any).env, { FAL_BASE_URL: fal.baseUrl, GEMINI_BASE_URL: gemini.baseUrl });
  gemini.reply = (request) => ({
    text: request.prompt.includes("Translate") ? "oak lamp" : request.prompt.includes("TikTok") ? "Post" : "Lamp\nText",
  });
  // As slow as the real services at their quickest: a second tap lands while the first tap's work still runs.
  fal.latencyMs = 600;
  gemini.latencyMs = 1500;
  await session.start();
}, 60_000);
afterAll(async () => {
  await session.close();
  await Promise.all([fal.close(), gemini.close()]);
});

describe("effectful buttons tapped twice, or 300 times: one effect", () => {
  it("new moodboard, texts, the moodboard's All again, Originals: two taps 150 ms apart do it once", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "on a card and its moodboard, each of 🎨 New moodboard, ✍️ Texts, 🔄 All again and ⬇️ Originals tapped twice " +
        "150 ms apart (Fal answering in 0.6 s, Gemini in 1.5 s)",
      checked:
        "each did its work once: 1 Fal request, 1 pair of Gemini texts, 1 set of originals; the second tap answered",
    });
    const id = await addIdea(session.chat, "Двойная лампа", "Лампа из дуба");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const observed: string[] = [];

    let submits = fal.submits.length;
    await tapRepeatedly(Buttons.ai.pack({ projectId: id, action: "newMoodboard" }), 2, 150);
    await quiet();
    expect(fal.submits.length - submits).toBe(1);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM AiDraft WHERE kind = 'moodboard'")[0].n).toBe(1);
    observed.push("new moodboard: 1 Fal request, 1 draft");

    const draftId = rows<{ id: number }>("SELECT id FROM AiDraft WHERE kind = 'moodboard'")[0].id;
    submits = fal.submits.length;
    await tapRepeatedly(Buttons.moodboard.pack({ draftId, action: "all" }), 2, 150);
    await quiet();
    expect(fal.submits.length - submits).toBe(1);
    observed.push("all again: 1 Fal request");

    const albums = session.api.callsOf("sendMediaGroup").length;
    await tapRepeatedly(Buttons.moodboard.pack({ draftId, action: "originals" }), 2, 150);
    await quiet();
    const originals = session.api.callsOf("sendMediaGroup").slice(albums);
    expect(originals).toHaveLength(1);
    observed.push("originals: 1 set sent");

    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const requests = gemini.requests.length;
    await tapRepeatedly(Buttons.ai.pack({ projectId: id, action: "texts" }), 2, 150);
    await quiet();
    expect(gemini.requests.length - requests).toBe(2); // the card text and the post, once
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM ProjectAsset WHERE kind = 'card_text'")[0].n).toBe(1);
    observed.push("texts: 2 Gemini requests (card + post), 1 card text saved");
    done(observed.join("; "));
  }, 180_000);

  it("🎨 New moodboard tapped 300 times in a burst: one board", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "🎨 New moodboard on a card tapped 300 times at once",
      checked: "1 Fal request, 1 draft, 1 album; every tap answered",
    });
    const id = await addIdea(session.chat, "Лампа 300", "Лампа из ясеня");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const submits = fal.submits.length;
    const drafts = rows<{ n: number }>("SELECT COUNT(*) AS n FROM AiDraft WHERE kind = 'moodboard'")[0].n;
    const albums = session.api.callsOf("sendMediaGroup").length;
    const since = session.api.calls.length;
    await tapRepeatedly(Buttons.ai.pack({ projectId: id, action: "newMoodboard" }), 300, 0);
    await quiet();
    expect(fal.submits.length - submits).toBe(1);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM AiDraft WHERE kind = 'moodboard'")[0].n - drafts).toBe(1);
    expect(session.api.callsOf("sendMediaGroup").length - albums).toBe(1);
    const answers = session.api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(300);
    const busy = answers.filter((c) => textOf(c).includes("Уже генерирую")).length;
    done(`1 Fal request, 1 draft, 1 album; 300 taps answered (${busy} “already generating”)`);
  }, 180_000);
});
