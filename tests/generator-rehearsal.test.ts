import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeGemini } from "./support/fake-gemini.ts";
import { photoMessage } from "./support/owner-chat.ts";
import { sqliteRows, sqliteRun } from "./support/sqlite.ts";

const gemini = new FakeGemini();
const session = new BotSession({ env: { LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model" } });
const GEMINI_MS = 2500;

describe("content generator: the card is rehearsed while Gemini writes", () => {
  beforeAll(async () => {
    await gemini.start();
    (session as any).env.GEMINI_BASE_URL = gemini.baseUrl;
    await session.start();
    for (const [i, color] of ["#8c6e4b", "#4b6e8c"].entries()) {
      session.api.addFile(`rh-${i}`, await sharp({ create: { width: 1600, height: 1200, channels: 3, background: color } }).jpeg().toBuffer());
    }
  }, 60_000);
  afterAll(async () => {
    await session.close();
    await gemini.close();
  });

  it("downloads the renders once, before Gemini answers; one preview and one card, with Gemini's texts", async () => {
    const { chat, api } = session;
    const asked: number[] = [];
    gemini.reply = (request) => {
      asked.push(Date.now());
      const social = request.prompt.includes("TikTok");
      return { delayMs: GEMINI_MS, then: { text: social ? "Post ✨ #design" : "Stool\nBent plywood." } };
    };
    const at = new Date().toISOString();
    sqliteRun(session.databaseUrl, "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES ('Табурет', 'Табурет.', 'archived', ?, ?)", at, at);
    const [project] = sqliteRows<{ id: number }>(session.databaseUrl, "SELECT id FROM Project WHERE name = 'Табурет'");
    await chat.send("/generate");
    await chat.tap(`gen:p:${project.id}`);
    await chat.tap("gen:t:0");
    await chat.push(photoMessage("rh-0", { size: [1600, 1200] }));
    await chat.push(photoMessage("rh-1", { size: [1600, 1200] }));
    await chat.tap("gen:done");
    const since = api.calls.length;
    await chat.send("Фанера, гнутая в одной форме.");
    const preview = await api.waitForCall((c) => c.method === "sendPhoto", { since, timeoutMs: 60_000 });
    const answeredAt = Math.min(...asked) + GEMINI_MS;
    const renders = api.downloads.filter((d) => /rh-\d$/.test(d.path));
    expect(renders.map((d) => d.path).sort()).toEqual(["files/rh-0", "files/rh-1"]);
    expect(renders.every((d) => d.at < answeredAt)).toBe(true);
    // One preview only: the rehearsal's card (made with the owner's draft) is never shown or sent.
    expect(api.calls.slice(since).filter((c) => c.method === "sendPhoto")).toEqual([preview]);
    const sending = api.calls.length;
    await chat.tap("gen:ok");
    await api.waitForCall((c) => c.method === "sendDocument", { since: sending, timeoutMs: 60_000 });
    const social = await api.waitForCall((c) => c.method === "sendMessage" && String(c.payload.text).includes("#design"), { since: sending });
    expect(social.payload.text).toBe("Post ✨ #design");
    expect(api.calls.slice(since).filter((c) => c.method === "sendDocument")).toHaveLength(1);
  }, 90_000);
});
