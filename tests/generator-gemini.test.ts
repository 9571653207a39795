import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeGemini } from "./support/fake-gemini.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { buttonsOf, photoMessage } from "./support/owner-chat.ts";
import { sqliteRows, sqliteRun } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

const gemini = new FakeGemini();
const session = new BotSession({ env: { LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model" } });
const RENDER_TIMEOUT = 60_000;
const GEMINI_MS = 2500;
/** A slow Bot API answer (Telegram from a dyno: tens to hundreds of ms). */
const TELEGRAM_MS = 150;
const sql = <T>(query: string, ...params: unknown[]): T[] => sqliteRows<T>(session.databaseUrl, query, ...params);
const isSocial = (prompt: string) => prompt.includes("TikTok");
const arrivals: { social: boolean; at: number }[] = [];

describe("content generator with Gemini (real @google/genai against a fake server)", () => {
  beforeAll(async () => {
    await gemini.start();
    (session as any).env.GEMINI_BASE_URL = gemini.baseUrl;
    await session.start();
    session.api.addFile(
      "gem-render",
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#8c6e4b" } })
        .jpeg()
        .toBuffer(),
    );
  }, 60_000);
  afterAll(async () => {
    await session.close();
    await gemini.close();
  });

  it("writes both texts in parallel, offers Retry / Use draft on a fault, regenerates on request", async () => {
    const { chat, api } = session;
    let failSocial = true;
    let version = 1;
    gemini.reply = (request) => {
      const social = isSocial(request.prompt);
      arrivals.push({ social, at: Date.now() });
      if (social && failSocial) return { status: 503, message: "overloaded" };
      return {
        delayMs: 300,
        then: {
          text: social
            ? `Felt you can sit on ✨ v${version} #IndustrialDesign`
            : `Felt Chair v${version}\nA soft armchair.`,
        },
      };
    };
    const empty = await chat.send("/generate");
    expect(empty.payload.text).toContain("В архиве пока нет проектов");
    expect(buttonsOf(empty).map((b) => b.data)).toEqual([
      Buttons.generator.pack({ step: "manual" }),
      Buttons.flow.pack({ action: "cancel" }),
    ]);
    await chat.send("/cancel");

    const at = new Date().toISOString();
    sqliteRun(
      session.databaseUrl,
      "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES ('Кресло', 'Кресло из фетра.', 'archived', ?, ?)",
      at,
      at,
    );
    const [project] = sql<{ id: number }>("SELECT id FROM Project WHERE name = 'Кресло'");
    // The archived project's card leads straight to the template choice.
    await chat.send("/archive");
    await chat.tap(Buttons.project.pack({ id: project.id, action: "open" }));
    expect(
      (await chat.tap(Buttons.generator.pack({ step: "fromCard", arg: String(project.id) }))).payload.text,
    ).toContain("<b>Кресло</b>");
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    await chat.push(photoMessage("gem-render"));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    const since = api.calls.length;
    await chat.send("Каркас из гнутой фанеры, обивка из фетра.");
    const fault = await api.waitForCall(
      (c) => c.method === "editMessageText" && String(c.payload.text).includes("Gemini"),
      { since, timeoutMs: 15_000 },
    );
    expect(fault.payload.text).toContain("Gemini сейчас недоступен");
    expect(api.calls.slice(since).some((c) => String(c.payload.text ?? "").includes("Gemini выключен"))).toBe(false);
    const prompts = gemini.requests.map((r) => r.prompt);
    expect(
      prompts.every((p) =>
        p.includes(
          "Initial Idea: Кресло из фетра.\n\nImplementation Details: Каркас из гнутой фанеры, обивка из фетра.",
        ),
      ),
    ).toBe(true);

    failSocial = false;
    arrivals.length = 0;
    const retry = api.calls.length;
    await chat.tap(Buttons.generator.pack({ step: "textsFailed", arg: "retry" }));
    const preview = await api.waitForCall((c) => c.method === "sendPhoto", { since: retry, timeoutMs: RENDER_TIMEOUT });
    expect(arrivals.map((a) => a.social).sort()).toEqual([false, true]);
    // Parallel: the second request arrived while the first (300 ms answer) was still pending.
    expect(Math.abs(arrivals[0].at - arrivals[1].at)).toBeLessThan(250);
    expect(preview.payload.caption).toContain("Кресло");

    version = 2;
    const regenerate = api.calls.length;
    await chat.tapAny(Buttons.generator.pack({ step: "regenerate" }));
    await api.waitForCall((c) => c.method === "sendPhoto", { since: regenerate, timeoutMs: RENDER_TIMEOUT });
    const sending = api.calls.length;
    await chat.tapAny(Buttons.generator.pack({ step: "looksGood" }));
    await api.waitForCall((c: RecordedCall) => c.method === "sendDocument", {
      since: sending,
      timeoutMs: RENDER_TIMEOUT,
    });
    const social = await api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("#IndustrialDesign"),
      { since: sending },
    );
    expect(social.payload.text).toBe(
      "📣 <b>Пост для соцсетей — «Кресло»</b>\n\nFelt you can sit on ✨ v2 #IndustrialDesign",
    );
    await api.waitForCall((c) => c.method === "editMessageText" && String(c.payload.text).includes("сохранены"), {
      since: sending,
    });
    const texts = sql<{ kind: string; text: string }>(
      "SELECT kind, text FROM ProjectAsset WHERE projectId = ? AND text IS NOT NULL ORDER BY id",
      project.id,
    );
    expect(texts).toEqual([
      { kind: "card_text", text: "Felt Chair v2\nA soft armchair." },
      { kind: "social_text", text: "Felt you can sit on ✨ v2 #IndustrialDesign" },
    ]);
  }, 120_000);

  // While Gemini writes, the card is rehearsed with the owner's draft (renders downloaded, photos fitted, Chromium
  // warm).
  it("downloads the renders once, before Gemini answers; one preview and one card, with Gemini's texts", async () => {
    const { chat, api } = session;
    for (const [i, color] of ["#8c6e4b", "#4b6e8c"].entries()) {
      api.addFile(
        `rh-${i}`,
        await sharp({ create: { width: 1600, height: 1200, channels: 3, background: color } })
          .jpeg()
          .toBuffer(),
      );
    }
    const asked: number[] = [];
    gemini.reply = (request) => {
      asked.push(Date.now());
      const social = isSocial(request.prompt);
      return { delayMs: GEMINI_MS, then: { text: social ? "Post ✨ #design" : "Stool\nBent plywood." } };
    };
    const at = new Date().toISOString();
    sqliteRun(
      session.databaseUrl,
      "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES ('Табурет', 'Табурет.', 'archived', ?, ?)",
      at,
      at,
    );
    const [project] = sql<{ id: number }>("SELECT id FROM Project WHERE name = 'Табурет'");
    await chat.send("/generate");
    await chat.tap(Buttons.generator.pack({ step: "project", arg: String(project.id) }));
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    await chat.push(photoMessage("rh-0", { size: [1600, 1200] }));
    await chat.push(photoMessage("rh-1", { size: [1600, 1200] }));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    const since = api.calls.length;
    // Telegram answering slowly: Gemini is asked before the renders' getFile round trips come back, not after them.
    api.answerDelayMs = TELEGRAM_MS;
    await chat.send("Фанера, гнутая в одной форме.");
    const preview = await api.waitForCall((c) => c.method === "sendPhoto", { since, timeoutMs: RENDER_TIMEOUT });
    api.answerDelayMs = 0;
    const getFiles = api.calls.slice(since).filter((c) => c.method === "getFile");
    expect(Math.min(...asked)).toBeLessThan(Math.min(...getFiles.map((c) => c.at)) + TELEGRAM_MS);
    const answeredAt = Math.min(...asked) + GEMINI_MS;
    const renders = api.downloads.filter((d) => /rh-\d$/.test(d.path));
    expect(renders.map((d) => d.path).sort()).toEqual(["files/rh-0", "files/rh-1"]);
    expect(renders.every((d) => d.at < answeredAt)).toBe(true);
    // One preview only: the rehearsal's card (made with the owner's draft) is never shown or sent.
    expect(api.calls.slice(since).filter((c) => c.method === "sendPhoto")).toEqual([preview]);
    // The rehearsal was kept on the browser's page: the card with Gemini's words changed only its words.
    const drawn = session.bot.output
      .split("\n")
      .filter((line) => line.includes('"card drawn"'))
      .map((line) => Object.keys(JSON.parse(line).phases));
    expect(drawn.at(-2)).toContain("load");
    expect(drawn.at(-1)).toContain("words changed");
    expect(drawn.at(-1)).not.toContain("load");
    const sending = api.calls.length;
    await chat.tapAny(Buttons.generator.pack({ step: "looksGood" }));
    await api.waitForCall((c) => c.method === "sendDocument", { since: sending, timeoutMs: RENDER_TIMEOUT });
    const social = await api.waitForCall(
      (c) => c.method === "sendMessage" && String(c.payload.text).includes("#design"),
      { since: sending },
    );
    expect(social.payload.text).toBe("📣 <b>Пост для соцсетей — «Табурет»</b>\n\nPost ✨ #design");
    expect(api.calls.slice(since).filter((c) => c.method === "sendDocument")).toHaveLength(1);
  }, 120_000);
});
