import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { zipSync } from "fflate";
import { BotSession } from "./session.ts";
import { FakeFal } from "./fake-fal.ts";
import { FakeGemini, type GeminiRequest, type GeminiReply } from "./fake-gemini.ts";
import { FakeNotion } from "./fake-notion.ts";
import type { RecordedCall } from "./fake-bot-api.ts";
import {
  buttonsOf,
  callback,
  documentMessage,
  isButton,
  photoMessage,
  textMessage,
  voiceMessage,
} from "./owner-chat.ts";
import { addIdea, until } from "./ai-helpers.ts";
import { sqliteRows } from "./sqlite.ts";
import { createByHand } from "./fake-notion-hand.ts";
import { Buttons } from "../../src/bot/buttons.ts";

/** How slowly the real services answer (what the owner meets in the field), per request. */
export const FIELD_LATENCY = { notionMs: 800, geminiMs: 8_000, falMs: 10_000, telegramMs: 60, telegramFileMs: 800 };

/** One long operation: `prepare` walks the owner up to it (each step waited for); `trigger` is the update it starts. */
export interface LongOperation {
  name: string;
  prepare(world: SlowWorld): Promise<void>;
  trigger(world: SlowWorld): Record<string, unknown>;
}

let templateRound = 0;
let handPages = 0;

/** A designer's template as Figma exports it: its own full-size pictures beside the owner's renders. */
const TEMPLATE_HTML = `<html><head><style>@page { size: A4; margin: 0 } .bg { width: 100%; }</style></head><body>
<img class="bg" src="cover.jpg"><h1>{{ project_name }}</h1><p>{{ project_description }}</p>
{% for image in images %}<img src="{{ image.src }}" width="200">{% endfor %}<img class="bg" src="back.jpg"></body></html>`;

async function templateZip(): Promise<Buffer> {
  const [cover, back] = await Promise.all([photoJpeg(3, 2400, 1800), photoJpeg(4, 2400, 1800)]);
  return Buffer.from(zipSync({ "index.html": Buffer.from(TEMPLATE_HTML), "cover.jpg": cover, "back.jpg": back }));
}

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
  /** The owner's template saved by the template cases. */
  templateId = 0;
  /** The import button of the newest offer of pages made by hand in Notion. */
  offerData = "";

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
        NOTION_POLL_SECONDS: "2",
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
    this.session.api.fileDelayMs = latency.telegramFileMs;
    const renders = await Promise.all([1, 2].map((seed) => photoJpeg(seed)));
    renders.forEach((bytes, index) => this.session.api.addFile(`slow-render-${index + 1}`, bytes));
    this.session.api.addFile("slow-voice", Buffer.from("OggS fake opus bytes"));
    this.ideaId = await addIdea(this.session.chat, "Табурет", "Табурет из гнутой фанеры");
    await this.addIdeaWithReference("Кресло", "slow-render-2");
    return this;
  }

  /** An idea with a reference photo: what /export copies out of Telegram. */
  private async addIdeaWithReference(name: string, photoFileId: string): Promise<void> {
    const { chat } = this.session;
    await chat.send("/new");
    await chat.send(name);
    await chat.send(`${name} из ясеня`);
    await chat.push(photoMessage(photoFileId));
    await chat.tap(
      Buttons.flow.pack({ action: "moodboardOffer", arg: "skip" }),
      (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
    );
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

/** A photo-like JPEG (noise, so it compresses as a photo does, not as a flat colour). */
async function photoJpeg(seed: number, width = 1200, height = 900): Promise<Buffer> {
  const noise = { type: "gaussian" as const, mean: 40 * seed, sigma: 60 };
  return sharp({ create: { width, height, channels: 3, background: "#808080", noise } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The long operations of the bot, each started as the owner starts it. */
export const LONG_OPERATIONS: LongOperation[] = [
  {
    name: "generator: texts and render (Gemini, Chromium)",
    async prepare({ session: { chat } }) {
      await chat.send("/generate");
      await chat.tap(Buttons.generator.pack({ step: "manual" }));
      await chat.send("Табурет");
      await chat.send("Табурет из гнутой фанеры");
      await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
      await chat.push(photoMessage("slow-render-1"));
      await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    },
    trigger: () => textMessage("Фанера 12 мм, три детали, без клея."),
  },
  {
    name: "template check and sample (ZIP, sandbox, Chromium)",
    async prepare({ session }) {
      templateRound++;
      const zip = await templateZip();
      session.api.addFile(`slow-zip-${templateRound}`, zip);
      await session.chat.send("/templates");
      await session.chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
      await session.chat.send(`Шаблон ${templateRound}`);
    },
    trigger: () => documentMessage(`slow-zip-${templateRound}`, "card.zip", 2_000),
  },
  {
    name: "template sample of a saved one (Chromium)",
    async prepare(world) {
      const { chat, api } = world.session;
      templateRound++;
      const name = `Шаблон ${templateRound}`;
      api.addFile(`slow-zip-${templateRound}`, await templateZip());
      await chat.send("/templates");
      await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
      await chat.send(name);
      const since = api.calls.length;
      await chat.push(documentMessage(`slow-zip-${templateRound}`, "card.zip", 2_000));
      const sample = (c: RecordedCall) =>
        c.method === "sendDocument" && String(c.payload.caption).includes(`«${name}»`);
      await api.waitForCall(sample, { since, timeoutMs: 60_000 });
      // The check job sends its sample before it stores its verdict: Save tapped in between is told to wait.
      await until(
        () =>
          sqliteRows(
            world.session.databaseUrl,
            "SELECT id FROM BackgroundJob WHERE kind = 'template-check' AND state IN ('queued', 'running')",
          ).length === 0,
      );
      await chat.tap(Buttons.templateUpload.pack({ action: "save" }), (c) => c.method === "sendMessage");
      const list = await chat.send("/templates");
      const open = buttonsOf(list).findLast((b) => isButton(Buttons.template, b.data, { action: "open" }));
      world.templateId = Number(String(open?.data).split(":")[1]);
      await chat.tap(Buttons.template.pack({ id: world.templateId, action: "open" }));
    },
    trigger: (world) => world.tapUpdate(Buttons.template.pack({ id: world.templateId, action: "preview" })),
  },
  {
    name: "moodboard (Gemini translation, Fal 4 images)",
    async prepare(world) {
      await world.session.chat.tap(Buttons.project.pack({ id: world.ideaId, action: "open" }));
    },
    trigger: (world) =>
      callback(
        Buttons.ai.pack({ projectId: world.ideaId, action: "newMoodboard" }),
        world.session.chat.messageWithButton(Buttons.project.pack({ id: world.ideaId, action: "open" })),
      ),
  },
  {
    name: "voice note to an idea (Gemini)",
    async prepare() {},
    trigger: () => voiceMessage("slow-voice"),
  },
  {
    name: "voice note at the description step of /new (Gemini)",
    async prepare({ session: { chat } }) {
      await chat.send("/new");
      await chat.send("Голосовая идея");
    },
    trigger: () => voiceMessage("slow-voice"),
  },
  {
    name: "new idea mirrored to Notion",
    async prepare({ session: { chat } }) {
      await chat.send("/new");
      await chat.send("Полка");
      await chat.send("Полка из фанеры");
      await chat.tap(Buttons.flow.pack({ action: "skip" }));
    },
    trigger: (world) => world.tapUpdate(Buttons.flow.pack({ action: "moodboardOffer", arg: "skip" })),
  },
  {
    name: "activation with Notion",
    async prepare(world) {
      await world.session.chat.send("/ideas");
      await world.session.chat.tap(Buttons.project.pack({ id: world.ideaId, action: "open" }));
      await world.session.chat.tap(Buttons.project.pack({ id: world.ideaId, action: "activate" }));
    },
    trigger: (world) => world.tapUpdate(Buttons.project.pack({ id: world.ideaId, action: "activate", arg: "30" })),
  },
  {
    name: "import of a page made by hand in Notion",
    async prepare(world) {
      const { session, notion } = world;
      const title = `Стул из Notion ${++handPages}`;
      const since = session.api.calls.length;
      createByHand(notion, { title, status: "Active", body: ["Ясень"] });
      const offer = await session.api.waitForCall(
        (c) => c.method === "sendMessage" && String(c.payload.text).includes(title) && buttonsOf(c).length > 0,
        { since, timeoutMs: 30_000 },
      );
      world.offerData = String(
        buttonsOf(offer).find((b) => isButton(Buttons.notionOffer, b.data, { action: "import" }))?.data,
      );
      await session.chat.shownMessageWithButton(world.offerData);
    },
    trigger: (world) => world.tapUpdate(world.offerData),
  },
  {
    name: "/export (Telegram downloads, ZIP)",
    async prepare() {},
    trigger: () => textMessage("/export"),
  },
  {
    name: "/sync → Retry now (Notion)",
    async prepare({ session, notion }) {
      notion.failNext(
        1,
        { status: 400, code: "validation_error", message: "Name is not a property that exists." },
        "POST /pages",
      );
      await session.chat.send("/new");
      await session.chat.send("Стеллаж");
      await session.chat.send("Стеллаж из дуба");
      await session.chat.tap(Buttons.flow.pack({ action: "skip" }));
      await session.chat.tap(Buttons.flow.pack({ action: "moodboardOffer", arg: "skip" }));
      await until(() => sqliteRows(session.databaseUrl, "SELECT id FROM SyncJob WHERE state = 'failed'").length > 0);
      await session.chat.send("/sync");
    },
    trigger: (world) => world.tapUpdate(Buttons.sync.pack({ action: "retry" })),
  },
];
