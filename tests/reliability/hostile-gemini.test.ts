import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeGemini } from "../support/fake-gemini.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { buttonsOf, photoMessage, isButton } from "../support/owner-chat.ts";
import { reliabilityCase } from "./support/case.ts";
import { jobsEnded as jobsEndedIn, sqliteRows, sqliteRun } from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "What the outside world sends back";
const RENDER_MS = 60_000;
const gemini = new FakeGemini();
const session = new BotSession({ env: { LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model" } });
/** Half an emoji (a lone surrogate), or U+FFFD where one was stored. */
const HALF_EMOJI = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;
const LONG_POST = `Кресло 🪑 из фетра. ${"Мягкое, тёплое, лёгкое 🪑 ".repeat(400)}#IndustrialDesign`;

const rows = <T>(query: string, ...params: unknown[]) => sqliteRows<T>(session.databaseUrl, query, ...params);
const jobsEnded = () => jobsEndedIn(session.databaseUrl, RENDER_MS);
const assetKinds = (projectId: number) =>
  rows<{ kind: string }>("SELECT kind FROM ProjectAsset WHERE projectId = ? ORDER BY id", projectId).map((a) => a.kind);
const pdfsSent = (name: string) =>
  session.api
    .callsOf("sendDocument")
    .filter((c) => c.result && Object.values(c.files)[0]?.name === `${name.replace(/ /g, "_")}_Card.pdf`);

function archivedProject(name: string): number {
  const at = new Date().toISOString();
  return sqliteRun(
    session.databaseUrl,
    "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES (?, 'Кресло из фетра.', 'archived', ?, ?)",
    name,
    at,
    at,
  );
}

/** /generate for an archived project up to its preview, as the owner does it. */
async function preview(projectId: number): Promise<void> {
  const { chat, api } = session;
  await chat.send("/archive");
  await chat.tap(Buttons.project.pack({ id: projectId, action: "open" }));
  await chat.tap(Buttons.generator.pack({ step: "fromCard", arg: String(projectId) }));
  await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
  await chat.push(photoMessage("gem-render"));
  await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
  const since = api.calls.length;
  await chat.send("Каркас из гнутой фанеры.");
  await api.waitForCall((c) => c.method === "sendPhoto", { since, timeoutMs: RENDER_MS });
}

beforeAll(async () => {
  await gemini.start();
  Object.assign((session as any).env, { GEMINI_BASE_URL: gemini.baseUrl });
  gemini.reply = (request) => ({ text: request.prompt.includes("TikTok") ? LONG_POST : "Кресло\nМягкое кресло." });
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

describe("the card survives what comes back", () => {
  it("Gemini writes a 10 000-character post: the card is saved, the post cut to fit by whole characters", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: `Gemini answers the social post with ${[...LONG_POST].length} characters (emoji throughout); “Looks good”`,
      checked:
        "one PDF; the card saved (PDF, both texts in full, the render); the post message accepted by Telegram, " +
        "≤ 4096 characters, no half emoji",
    });
    const id = archivedProject("Длинный пост");
    await preview(id);
    const since = session.api.calls.length;
    await session.chat.tapAny(Buttons.generator.pack({ step: "looksGood" }));
    await jobsEnded();
    const post = session.api.calls
      .slice(since)
      .find((c) => c.method === "sendMessage" && String(c.payload.text).includes("Пост для соцсетей"));
    expect(post?.result).toBeDefined();
    const text = String(post!.payload.text).replace(/<[^>]+>/g, "");
    expect([...text].length).toBeLessThanOrEqual(4096);
    expect(text).not.toMatch(HALF_EMOJI);
    expect(assetKinds(id)).toEqual(["generated_pdf", "card_text", "social_text", "final_render"]);
    const [social] = rows<{ text: string }>(
      "SELECT text FROM ProjectAsset WHERE projectId = ? AND kind = 'social_text'",
      id,
    );
    expect(social.text).toBe(LONG_POST);
    expect(pdfsSent("Длинный пост")).toHaveLength(1);
    done(`post sent as ${[...text].length} characters; the full ${[...social.text].length} saved with the card`);
  }, 120_000);

  it("each Bot API call after “Looks good” refused once: the card is saved once, one PDF, Retry finishes it", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "after “Looks good”, Telegram refuses once, in turn: the “sending” status, the PDF (413), the post (400), " +
        "the final edit (400)",
      checked:
        "after at most one Retry: exactly one PDF delivered, the card saved once (PDF, 2 texts, render); the owner " +
        "is never told a PDF failed once it went",
    });
    const refusals: [string, string, (payload: Record<string, any>) => boolean, number][] = [
      ["status", "sendMessage", (p) => String(p.text).includes("Отправляю PDF"), 400],
      ["PDF", "sendDocument", () => true, 413],
      ["post", "sendMessage", (p) => String(p.text).includes("Пост для соцсетей"), 400],
      ["final edit", "editMessageText", (p) => /сохранены/.test(String(p.text)), 400],
    ];
    const observed: string[] = [];
    for (const [label, method, when, code] of refusals) {
      const name = `Отказ ${label}`;
      const id = archivedProject(name);
      await preview(id);
      session.api.failNext(method, { error_code: code, description: `Bad Request: refused (${label})` }, 1, when);
      const since = session.api.calls.length;
      await session.chat.tapAny(Buttons.generator.pack({ step: "looksGood" }));
      await jobsEnded();
      const retry = session.api.calls
        .slice(since)
        .filter((c) => c.result)
        .reverse()
        .find((c: RecordedCall) => buttonsOf(c).some((b) => isButton(Buttons.generator, b.data, { step: "resend" })));
      if (retry) {
        const told = String(retry.payload.text);
        if (pdfsSent(name).length > 0) expect(told, label).not.toContain("Не удалось отправить PDF");
        await session.chat.tapAny(Buttons.generator.pack({ step: "resend" }));
        await jobsEnded();
      }
      expect(pdfsSent(name)).toHaveLength(1);
      expect(assetKinds(id)).toEqual(["generated_pdf", "card_text", "social_text", "final_render"]);
      observed.push(`${label} refused: ${retry ? "Retry tapped, " : ""}1 PDF, card saved once`);
    }
    done(observed.join("; "));
  }, 300_000);
});
