import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeGemini } from "../support/fake-gemini.ts";
import { addIdea, buttonsOf, textMessage } from "../support/owner-chat.ts";
import { reliabilityCase } from "./support/case.ts";
import { sqliteRun } from "./support/crash-kit.ts";

const AREA = "What the outside world sends back";
const MB = 1024 * 1024;
const gemini = new FakeGemini();
const session = new BotSession({ env: { LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model" } });
const bytes = (text: string) => new TextEncoder().encode(text).length;

/** A voice note as Telegram sends it, `size` bytes long. */
function voiceNote(size: number) {
  const message = textMessage("").message as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  return {
    message: {
      ...message,
      voice: {
        file_id: `voice-${size}`,
        file_unique_id: `u-voice-${size}`,
        duration: 1300,
        mime_type: "audio/ogg",
        file_size: size,
      },
    },
  };
}

beforeAll(async () => {
  await gemini.start();
  Object.assign((session as any).env, { GEMINI_BASE_URL: gemini.baseUrl });
  await session.start();
}, 60_000);
afterAll(async () => {
  await session.close();
  await gemini.close();
});

describe("files Telegram sends that the bot cannot take as they are", () => {
  it("a 21 MB voice note: named too big at once, no download tried, no Retry", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "a 21 MB voice note, outside any flow and at /new's description step (bots may download ≤ 20 MB)",
      checked: "each is answered that the file is over 20 MB, without a Retry button; no getFile; no Gemini request",
    });
    const observed: string[] = [];
    for (const where of ["outside a flow", "at /new's description"]) {
      if (where !== "outside a flow") {
        await session.chat.send("/new");
        await session.chat.send("Голосовая идея");
      }
      const since = session.api.calls.length;
      const reply = await session.chat.push(voiceNote(21 * MB));
      expect(String(reply.payload.text)).toContain("больше 20 МБ");
      expect(buttonsOf(reply).filter((b) => /Повторить/.test(b.text))).toEqual([]);
      expect(session.api.calls.slice(since).filter((c) => c.method === "getFile")).toEqual([]);
      observed.push(`${where}: “${String(reply.payload.text).slice(0, 40)}…”, no Retry, no getFile`);
    }
    await session.chat.send("/cancel");
    expect(gemini.requests).toEqual([]);
    done(observed.join("; "));
  });

  it("an attachment named in over 450 bytes: its /export entry name ≤ 255 bytes, extension kept", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "a project's attached PDF whose file name is over 450 bytes of UTF-8 (Cyrillic and emoji); then /export",
      checked: "every path segment in the archive ≤ 255 bytes (what Linux can extract), the file there, ending in .pdf",
    });
    const id = await addIdea(session.chat, "Длинное имя", "Файл с длинным именем");
    const fileName = `${"Чертёж_кресла_🪑_".repeat(15)}.pdf`;
    session.api.addFile("long-name-pdf", Buffer.from("%PDF-1.4 long name"));
    sqliteRun(
      session.databaseUrl,
      "INSERT INTO ProjectAsset (projectId, kind, telegramFileId, meta, createdAt) VALUES (?, 'note', ?, ?, ?)",
      id,
      "long-name-pdf",
      JSON.stringify({ fileName, asDocument: true }),
      new Date().toISOString(),
    );
    const call = await session.chat.send("/export", (c) => c.method === "sendDocument");
    const entries = Object.keys(unzipSync(new Uint8Array(Object.values(call.files)[0].bytes)));
    const longest = Math.max(...entries.flatMap((path) => path.split("/").map(bytes)));
    const copied = entries.find((path) => path.startsWith(`telegram/${id}/`));
    expect(bytes(fileName)).toBeGreaterThan(450);
    expect(longest).toBeLessThanOrEqual(255);
    expect(copied).toMatch(/\.pdf$/);
    done(
      `name of ${bytes(fileName)} bytes stored as a ${bytes(copied!.split("/").at(-1)!)}-byte entry name; longest ${longest}`,
    );
  });
});
