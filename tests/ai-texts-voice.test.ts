import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeGemini, type GeminiRequest, type GeminiReply } from "./support/fake-gemini.ts";
import { buttonsOf, callback, voiceMessage } from "./support/owner-chat.ts";
import { addIdea, textOf } from "./support/ai-helpers.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

const gemini = new FakeGemini();
const session = new BotSession({
  env: { LLM_API_KEY: gemini.apiKey, LLM_MODEL: "gemini-test-model", GEMINI_TIMEOUT_MS: "1500" },
});
const query = (sql: string, ...params: unknown[]) => sqliteRows<any>(session.databaseUrl, sql, ...params);
let cardVersion = 0;
const writer = (request: GeminiRequest): GeminiReply => {
  if (request.inline.length)
    return {
      text: JSON.stringify({
        transcript: "Складной стул из фанеры для маленьких кухонь",
        name: "Стул <Фанера>",
        description: "Складной стул из гнутой фанеры.",
      }),
    };
  if (request.prompt.includes("карточки портфолио"))
    return { text: `Bent Plywood Chair v${++cardVersion}\nA light chair & more.` };
  return { text: "New chair! 🪑 #IndustrialDesign #Innovation" };
};

beforeAll(async () => {
  await gemini.start();
  (session as any).env.GEMINI_BASE_URL = gemini.baseUrl;
  gemini.reply = writer;
  await session.start();
});
afterAll(async () => {
  await session.close();
  await gemini.close();
});

describe("texts from the card (fake Gemini)", () => {
  let projectId = 0;

  it("generates both texts in parallel with the seed's prompts and saves them as assets", async () => {
    projectId = await addIdea(session.chat, "Chair", "Складной стул <для кухни>");
    await session.chat.tap(Buttons.project.pack({ id: projectId, action: "open" }));
    const since = session.api.calls.length;
    const status = await session.chat.tap(
      Buttons.ai.pack({ projectId, action: "texts" }),
      (c) => c.method === "sendMessage",
    );
    expect(status.payload.text).toContain("Пишу тексты");
    const social = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && textOf(c).includes("Пост для соцсетей"),
      { since },
    );
    const card = session.api.calls
      .slice(since)
      .find((c) => c.method === "sendMessage" && textOf(c).includes("Текст для PDF-карточки"))!;
    expect(textOf(card)).toContain("A light chair &amp; more.");
    expect(textOf(social)).toContain("#IndustrialDesign");
    const prompts = gemini.requests.slice(-2);
    expect(prompts.every((r) => r.model === "gemini-test-model")).toBe(true);
    expect(
      prompts.every((r) => r.prompt.includes("Initial Idea: Складной стул <для кухни>\n\nImplementation Details:")),
    ).toBe(true);
    // The interface is Russian, so the texts are asked in Russian (the original's English is a setting).
    expect(prompts.every((r) => r.prompt.includes("на русском языке") && !r.prompt.includes("английском"))).toBe(true);
    const rows = query("SELECT kind, text FROM ProjectAsset WHERE projectId = ? ORDER BY id", projectId);
    expect(rows.map((r) => r.kind)).toEqual(["card_text", "social_text"]);
    expect(buttonsOf(card).map((b) => b.data)).toEqual([
      expect.stringMatching(/^tx:\d+:re$/),
      expect.stringMatching(/^tx:\d+:ed$/),
    ]);
  });

  it("regenerates one text in place and updates its asset", async () => {
    const [row] = query("SELECT id FROM ProjectAsset WHERE kind = 'card_text'");
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.text.pack({ assetId: row.id, action: "regenerate" }));
    const edited = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && textOf(c).includes("Bent Plywood Chair v2"),
      { since },
    );
    expect(buttonsOf(edited).map((b) => b.data)).toContain(
      Buttons.text.pack({ assetId: row.id, action: "regenerate" }),
    );
    expect(query("SELECT text FROM ProjectAsset WHERE id = ?", row.id)[0].text).toContain("v2");
  });

  it("takes the owner's corrected version through Edit", async () => {
    const [row] = query("SELECT id FROM ProjectAsset WHERE kind = 'social_text'");
    const ask = await session.chat.tap(Buttons.text.pack({ assetId: row.id, action: "edit" }));
    expect(ask.payload.text).toContain("исправленный текст");
    const shown = await session.chat.send("My own post <b>x</b> #Design");
    expect(textOf(shown)).toContain("My own post &lt;b&gt;x&lt;/b&gt; #Design");
    expect(query("SELECT text FROM ProjectAsset WHERE id = ?", row.id)[0].text).toBe("My own post <b>x</b> #Design");
  });

  const faults: [string, GeminiReply, string][] = [
    ["401", { status: 401 }, "Gemini не принял ключ"],
    ["429", { status: 429 }, "Gemini просит подождать"],
    ["503", { status: 503 }, "Gemini сейчас недоступен"],
    ["timeout", { delayMs: 2500 }, "Gemini не ответил вовремя"],
    ["safety block", { body: { promptFeedback: { blockReason: "SAFETY" } } }, "фильтр безопасности"],
    [
      "MAX_TOKENS",
      { body: { candidates: [{ content: { role: "model", parts: [] }, finishReason: "MAX_TOKENS" }] } },
      "ответил пустым текстом",
    ],
  ];
  for (const [name, reply, expected] of faults) {
    it(`Gemini ${name}: one clear message with Retry, no text saved`, async () => {
      const before = query("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n;
      gemini.reply = () => reply;
      const since = session.api.calls.length;
      session.api.push(
        callback(
          Buttons.ai.pack({ projectId, action: "texts" }),
          session.chat.messageWithButton(Buttons.project.pack({ id: projectId, action: "open" })),
        ),
      );
      const fault = await session.api.waitForCall(
        (c) => c.method === "editMessageText" && textOf(c).includes(expected),
        { since },
      );
      expect(buttonsOf(fault).map((b) => b.data)).toEqual([Buttons.ai.pack({ projectId, action: "texts" })]);
      expect(query("SELECT COUNT(*) AS n FROM ProjectAsset")[0].n).toBe(before);
      gemini.reply = writer;
      await session.chat.settle();
    });
  }

  it("Retry after a fault generates the texts", async () => {
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.ai.pack({ projectId, action: "texts" }));
    await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Пост для соцсетей"), {
      since,
    });
  });
  it("writes the texts in English once the owner chooses English for AI texts in /settings", async () => {
    await session.chat.send("/settings");
    const saved = await session.chat.tap(Buttons.settings.pack({ section: "textsLanguage" }));
    expect(textOf(saved)).toContain("на английском");
    const since = gemini.requests.length;
    await session.chat.tap(Buttons.ai.pack({ projectId, action: "texts" }), (c) => c.method === "sendMessage");
    await session.api.waitForCall(() => gemini.requests.length >= since + 2);
    await session.chat.settle();
    const prompts = gemini.requests.slice(since);
    expect(prompts.every((r) => r.prompt.includes("на английском языке уровня B1–B2"))).toBe(true);
    await session.chat.send("/settings");
    expect(textOf(await session.chat.tap(Buttons.settings.pack({ section: "textsLanguage" })))).toContain(
      "на языке интерфейса",
    );
  });
});

describe("voice notes (fake Gemini audio input)", () => {
  it("turns a voice note outside flows into a draft idea, edits its name, saves it", async () => {
    session.api.addFile("voice-1", Buffer.from("OggS fake opus bytes"));
    const since = session.api.calls.length;
    await session.chat.push(voiceMessage("voice-1"));
    const draft = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && textOf(c).includes("Идея из голосового"),
      { since },
    );
    expect(textOf(draft)).toContain("Стул &lt;Фанера&gt;");
    expect(gemini.requests.at(-1)!.inline).toEqual([{ mimeType: "audio/ogg", bytes: 20 }]);
    const data = buttonsOf(draft).map((b) => b.data!);
    const id = Buttons.voice.unpack(data[0])!.id;
    expect(data).toEqual([
      Buttons.voice.pack({ id, action: "save" }),
      Buttons.voice.pack({ id, action: "name" }),
      Buttons.voice.pack({ id, action: "desc" }),
      Buttons.voice.pack({ id, action: "drop" }),
    ]);
    expect((await session.chat.tap(Buttons.voice.pack({ id, action: "name" }))).payload.text).toContain(
      "Новое название идеи",
    );
    const updated = await session.chat.send("Стул-трансформер");
    expect(textOf(updated)).toContain("Стул-трансформер");
    const saved = await session.chat.tap(Buttons.voice.pack({ id, action: "save" }));
    expect(textOf(saved)).toContain("сохранена");
    expect(query("SELECT name, description FROM Project WHERE name = 'Стул-трансформер'")).toEqual([
      { name: "Стул-трансформер", description: "Складной стул из гнутой фанеры." },
    ]);
  });

  it("a failed transcription says why and retries on the same message", async () => {
    session.api.addFile("voice-2", Buffer.from("OggS more"));
    gemini.reply = () => ({ status: 500 });
    const since = session.api.calls.length;
    await session.chat.push(voiceMessage("voice-2"));
    const fault = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && textOf(c).includes("Gemini сейчас недоступен"),
      { since },
    );
    gemini.reply = writer;
    const retry = buttonsOf(fault)[0].data!;
    const again = session.api.calls.length;
    await session.chat.tap(retry);
    await session.api.waitForCall((c) => c.method === "editMessageText" && textOf(c).includes("Идея из голосового"), {
      since: again,
    });
  });

  it("accepts a voice note at the description step of /new", async () => {
    session.api.addFile("voice-3", Buffer.from("OggS desc"));
    await session.chat.send("/new");
    await session.chat.send("Voice idea");
    // Transcribed by a job: the update only says "transcribing…"; what was heard comes back with "Use it".
    const since = session.api.calls.length;
    await session.chat.push(
      voiceMessage("voice-3"),
      (c) => c.method === "sendMessage" && textOf(c).includes("Расшифровываю"),
    );
    const heard = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && textOf(c).includes("Распознал"),
      { since },
    );
    expect(textOf(heard)).toContain("Складной стул из фанеры для маленьких кухонь");
    const next = await session.chat.tap(
      Buttons.flow.pack({ action: "useHeard" }),
      (c) => c.method === "sendMessage" && textOf(c).includes("референс"),
    );
    expect(textOf(next)).toContain("референс");
    await session.chat.tap(Buttons.flow.pack({ action: "skip" }), (c) => textOf(c).startsWith("✅"));
    expect(query("SELECT description FROM Project WHERE name = 'Voice idea'")).toEqual([
      { description: "Складной стул из фанеры для маленьких кухонь" },
    ]);
  });

  it("never writes the key to the log", () => {
    expect(session.bot.output).not.toContain(gemini.apiKey);
  });
});

describe("without LLM_API_KEY", () => {
  const off = new BotSession();
  beforeAll(() => off.start());
  afterAll(() => off.close());

  it("the Texts button and voice notes explain how to enable Gemini", async () => {
    const id = await addIdea(off.chat, "Idea", "Something");
    await off.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const since = off.api.calls.length;
    off.api.push(
      callback(
        Buttons.ai.pack({ projectId: id, action: "texts" }),
        off.chat.messageWithButton(Buttons.ai.pack({ projectId: id, action: "texts" })),
      ),
    );
    const alert = await off.api.waitForCall(
      (c) => c.method === "answerCallbackQuery" && String(c.payload.text ?? "").includes("LLM_API_KEY"),
      { since },
    );
    expect(alert.payload.show_alert).toBe(true);
    const voice = await off.chat.push(voiceMessage("v-off"));
    expect(voice.payload.text).toContain("LLM_API_KEY");
  });
});
