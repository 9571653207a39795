import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { zipSync } from "fflate";
import { BotSession } from "./session.ts";
import { FakeFal } from "./fake-fal.ts";
import { FakeGemini, type GeminiRequest, type GeminiReply } from "./fake-gemini.ts";
import { FakeNotion } from "./fake-notion.ts";
import { OWNER_ID, type RecordedCall } from "./fake-bot-api.ts";
import { callback, photoMessage, textMessage } from "./owner-chat.ts";
import { addIdea, until, voiceMessage } from "./ai-helpers.ts";
import { sqliteRows } from "./sqlite.ts";

/** How slowly the real services answer (what the owner meets in the field), per request. */
export const FIELD_LATENCY = { notionMs: 800, geminiMs: 8_000, falMs: 10_000, telegramMs: 60 };

/** One long operation: `prepare` walks the owner up to it (each step waited for); `trigger` is the update it starts. */
export interface LongOperation {
  name: string;
  prepare(world: SlowWorld): Promise<void>;
  trigger(world: SlowWorld): Record<string, unknown>;
}

let documentIds = 70_000;
let templateRound = 0;
function documentMessage(fileId: string, fileName: string, size: number) {
  const chat = { id: OWNER_ID, type: "private", first_name: "Owner" };
  const from = { id: OWNER_ID, is_bot: false, first_name: "Owner", language_code: "ru" };
  const document = { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, file_size: size };
  return { message: { message_id: documentIds++, date: Math.floor(Date.now() / 1000), chat, from, document } };
}

const TEMPLATE_HTML = `<html><body><h1>{{ project_name }}</h1><p>{{ project_description }}</p>
{% for image in images %}<img src="{{ image.src }}" width="200">{% endfor %}</body></html>`;

const geminiWriter = (request: GeminiRequest): GeminiReply => {
  if (request.inline.length)
    return { text: JSON.stringify({ transcript: "Табурет из фанеры", name: "Табурет", description: "Фанера." }) };
  if (request.prompt.includes("Translate")) return { text: "plywood stool, bent wood" };
  return { text: "Табурет из гнутой фанеры. #IndustrialDesign" };
};

/**
 * The bot against fakes that answer as slowly as the real services (FIELD_LATENCY): Notion 800 ms a request, Gemini
 * 8 s, Fal 10 s a job, Telegram 60 ms a call. `startAnsweredDuring` measures what the owner feels: how long /start
 * takes to answer while a long operation runs.
 */
export class SlowWorld {
  readonly notion = new FakeNotion();
  readonly gemini = new FakeGemini();
  readonly fal = new FakeFal();
  session!: BotSession;
  /** An idea in the bot (and its Notion page): activated, moodboarded. */
  ideaId = 0;

  async start(latency = FIELD_LATENCY): Promise<this> {
    await Promise.all([this.notion.start(), this.gemini.start(), this.fal.start()]);
    this.notion.latencyMs = latency.notionMs;
    this.gemini.latencyMs = latency.geminiMs;
    this.gemini.reply = geminiWriter;
    this.fal.latencyMs = latency.falMs;
    this.session = new BotSession({
      env: {
        NOTION_API_KEY: this.notion.apiKey,
        NOTION_DB_ID: this.notion.databaseId,
        NOTION_BASE_URL: this.notion.baseUrl,
        LLM_API_KEY: this.gemini.apiKey,
        LLM_MODEL: "gemini-test-model",
        GEMINI_BASE_URL: this.gemini.baseUrl,
        FAL_API_KEY: this.fal.key,
        FAL_BASE_URL: this.fal.baseUrl,
        FAL_TIMEOUT_MS: "60000",
      },
    });
    await this.session.start();
    this.session.api.answerDelayMs = latency.telegramMs;
    const renders = await Promise.all([1, 2].map((seed) => photoJpeg(seed)));
    renders.forEach((bytes, index) => this.session.api.addFile(`slow-render-${index + 1}`, bytes));
    this.session.api.addFile("slow-voice", Buffer.from("OggS fake opus bytes"));
    this.ideaId = await addIdea(this.session.chat, "Табурет", "Табурет из гнутой фанеры");
    return this;
  }

  async close(): Promise<void> {
    await this.session?.close();
    await Promise.all([this.notion.close(), this.gemini.close(), this.fal.close()]);
  }

  /** A tap on the newest message that shows `data`, as an update (not waited for). */
  tapUpdate(data: string): Record<string, unknown> {
    return callback(data, this.session.chat.messageWithButton(data));
  }

  /**
   * Walks the owner up to the operation, pushes its update, and sends /start `afterMs` later: resolves with how long
   * /start took to be answered (ms, from sending it to the main menu reaching Telegram).
   */
  async startAnsweredDuring(operation: LongOperation, afterMs = 100): Promise<number> {
    const { api, chat } = this.session;
    await operation.prepare(this);
    await chat.settle(30_000);
    api.push(operation.trigger(this));
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    const since = api.calls.length;
    const sentAt = performance.now();
    api.push(textMessage("/start"));
    const menu = await api.waitForCall(
      (c: RecordedCall) => c.method === "sendMessage" && String(c.payload.text).includes("Designflow Assistant"),
      { since, timeoutMs: 60_000 },
    );
    const waited = menu.receivedAt - sentAt;
    await chat.settle(60_000);
    return waited;
  }
}

async function photoJpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 60 * seed, g: 120, b: 180 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The long operations of the bot, each started as the owner starts it. */
export const LONG_OPERATIONS: LongOperation[] = [
  {
    name: "generator: texts and render (Gemini, Chromium)",
    async prepare({ session: { chat } }) {
      await chat.send("/generate");
      await chat.tap("gen:manual");
      await chat.send("Табурет");
      await chat.send("Табурет из гнутой фанеры");
      await chat.tap("gen:t:0");
      await chat.push(photoMessage("slow-render-1"));
      await chat.tap("gen:done");
    },
    trigger: () => textMessage("Фанера 12 мм, три детали, без клея."),
  },
  {
    name: "template check and sample (ZIP, sandbox, Chromium)",
    async prepare({ session }) {
      templateRound++;
      const zip = Buffer.from(zipSync({ "index.html": Buffer.from(TEMPLATE_HTML) }));
      session.api.addFile(`slow-zip-${templateRound}`, zip);
      await session.chat.send("/templates");
      await session.chat.tap("t:0:add");
      await session.chat.send(`Шаблон ${templateRound}`);
    },
    trigger: () => documentMessage(`slow-zip-${templateRound}`, "card.zip", 2_000),
  },
  {
    name: "template sample of a saved one (Chromium)",
    async prepare({ session }) {
      await session.chat.send("/templates");
      await session.chat.tap("t:0:open");
    },
    trigger: (world) => world.tapUpdate("t:0:preview"),
  },
  {
    name: "moodboard (Gemini translation, Fal 4 images)",
    async prepare(world) {
      await world.session.chat.tap(`p:${world.ideaId}:open`);
    },
    trigger: (world) =>
      callback(`ai:${world.ideaId}:mb`, world.session.chat.messageWithButton(`p:${world.ideaId}:open`)),
  },
  {
    name: "voice note to an idea (Gemini)",
    async prepare() {},
    trigger: () => voiceMessage("slow-voice"),
  },
  {
    name: "new idea mirrored to Notion",
    async prepare({ session: { chat } }) {
      await chat.send("/new");
      await chat.send("Полка");
      await chat.send("Полка из фанеры");
      await chat.tap("flow:skip");
    },
    trigger: (world) => world.tapUpdate("flow:mb:skip"),
  },
  {
    name: "activation with Notion",
    async prepare(world) {
      await world.session.chat.send("/ideas");
      await world.session.chat.tap(`p:${world.ideaId}:open`);
      await world.session.chat.tap(`p:${world.ideaId}:activate`);
    },
    trigger: (world) => world.tapUpdate(`p:${world.ideaId}:activate:30`),
  },
  {
    name: "/export (Telegram downloads, ZIP)",
    async prepare() {},
    trigger: () => textMessage("/export"),
  },
  {
    name: "/sync → Retry now (Notion)",
    async prepare({ session, notion }) {
      notion.failNext(1, { status: 400, code: "validation_error", message: "Name is not a property that exists." });
      await session.chat.send("/new");
      await session.chat.send("Стеллаж");
      await session.chat.send("Стеллаж из дуба");
      await session.chat.tap("flow:skip");
      await session.chat.tap("flow:mb:skip");
      await until(() => sqliteRows(session.databaseUrl, "SELECT id FROM SyncJob WHERE state = 'failed'").length > 0);
      await session.chat.send("/sync");
    },
    trigger: (world) => world.tapUpdate("sync:retry"),
  },
];
