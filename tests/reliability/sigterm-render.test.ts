import { existsSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BotSession } from "../support/session.ts";
import { startBot } from "../support/bot-process.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { photoMessage, textMessage } from "../support/owner-chat.ts";
import { reliabilityCase } from "./support/case.ts";
import {
  allProcesses,
  chromiumWithBotProfile,
  closeGracefully,
  descendantsOf,
  isChromium,
  profileDirOf,
  sqliteRows,
  sqliteRun,
} from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

/** Large noisy renders, so the card render (download, resize, Chromium) takes a noticeable moment. */
async function heavyJpeg(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 3000,
      height: 2000,
      channels: 3,
      background: { r: 30 * seed, g: 100, b: 160 },
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe("SIGTERM while a card is being rendered (real Chromium)", () => {
  const session = new BotSession();
  beforeAll(async () => {
    await session.start();
    for (let i = 1; i <= 3; i++) session.api.addFile(`heavy-${i}`, await heavyJpeg(i));
  }, 60_000);
  afterAll(() => closeGracefully(session));

  test("SIGTERM mid-render: exits 0 within 10 s, no Chromium left, the flow finishes after the restart with one PDF", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "/generate with 3 renders of 3000×2000: SIGTERM the moment the bot starts rendering the preview (status “Верстаю карточку…” and upload_document action sent)",
      checked:
        "the process exits with code 0 within 10 s; no Chromium process below the bot or using its temp profile survives, the profile directory is removed; after a restart the owner gets the preview (finished before exit, or re-rendered) and one PDF, and the card is saved once",
    });
    const { api, chat } = session;
    const now = new Date().toISOString();
    const id = sqliteRun(
      session.databaseUrl,
      "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES ('Терм', 'Рендер под SIGTERM', 'archived', ?, ?)",
      now,
      now,
    );
    await chat.send("/generate");
    await chat.tap(Buttons.generator.pack({ step: "project", arg: String(id) }));
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    for (let i = 1; i <= 3; i++) await chat.push(photoMessage(`heavy-${i}`, { size: [3000, 2000] }));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));

    const bot = session.bot;
    const pid = bot.child.pid!;
    const before = descendantsOf(pid);
    const profile = profileDirOf(pid);
    const chromiumBefore = allProcesses().filter((p) => before.includes(p.pid) && isChromium(p)).length;
    expect(before.length).toBeGreaterThan(0); // Chromium is warmed when the flow starts
    expect(profile).toBeDefined();

    const since = api.calls.length;
    let signalledAt = 0;
    let family: number[] = [];
    api.push(textMessage("Черновик под SIGTERM."));
    await api.waitForCall(
      (call: RecordedCall) => {
        if (call.method !== "sendChatAction" || call.payload.action !== "upload_document") return false;
        family = [...new Set([...before, ...descendantsOf(pid)])];
        signalledAt = Date.now();
        bot.kill("SIGTERM");
        return true;
      },
      { since, timeoutMs: 30_000 },
    );
    const { code, signal } = await bot.exited;
    const exitMs = Date.now() - signalledAt;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(10_000);
    const survivors = allProcesses().filter((p) => family.includes(p.pid) || p.cmdline.includes(profile!));
    expect(survivors.map((p) => p.cmdline.slice(0, 120))).toEqual([]);
    expect(chromiumWithBotProfile().filter((p) => p.cmdline.includes(profile!))).toEqual([]);
    expect(existsSync(profile!)).toBe(false);
    const previewBeforeExit = api.calls.slice(since).some((c) => c.method === "sendPhoto");

    // A new process: the preview is there (or the unconfirmed draft is handled again), then "Looks good".
    session.bot = await startBot(api, session.databaseUrl);
    await chat.settle(30_000);
    await api.waitForCall((c) => c.method === "sendPhoto", { since, timeoutMs: 30_000 });
    await chat.tapAny(
      Buttons.generator.pack({ step: "looksGood" }),
      (c) => c.method === "editMessageText" && String(c.payload.text).includes("сохранены"),
    );
    const pdfs = api.callsOf("sendDocument").filter((c) => Object.values(c.files)[0]?.name === "Терм_Card.pdf");
    expect(pdfs).toHaveLength(1);
    const assets = sqliteRows<{ kind: string }>(
      session.databaseUrl,
      "SELECT kind FROM ProjectAsset WHERE projectId = ? ORDER BY id",
      id,
    );
    expect(assets.map((a) => a.kind)).toEqual([
      "generated_pdf",
      "card_text",
      "social_text",
      "final_render",
      "final_render",
      "final_render",
    ]);
    const previews = api.calls.slice(since).filter((c) => c.method === "sendPhoto").length;
    observed(
      `exit code 0 after ${exitMs} ms; render ${previewBeforeExit ? "finished before exit" : "abandoned, redone after restart"}; ` +
        `${family.length} child process(es) (${chromiumBefore} Chromium) before, 0 left, profile dir removed; ${previews} preview(s), 1 PDF, assets once`,
    );
  }, 120_000);
});
