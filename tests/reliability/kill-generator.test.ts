import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BotSession } from "../support/session.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import {
  albumPhoto as ownerAlbumPhoto,
  callback,
  isChatOutput,
  type OwnerChat,
  textMessage,
} from "../support/owner-chat.ts";
import { until } from "../support/until.ts";
import { reliabilityCase } from "./support/case.ts";
import {
  closeGracefully,
  crashAfterSettle,
  jobsEnded as jobsEndedIn,
  killOnCall,
  sqliteRows,
  sqliteRun,
} from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const albumPhoto = (fileId: string, group: string) => ownerAlbumPhoto(fileId, group, [800, 600]);

const RENDER_MS = 30_000;
const isPreview = (c: RecordedCall) => c.method === "sendPhoto";

interface Step {
  label: string;
  run: (chat: OwnerChat) => Promise<unknown>;
}

/** Pushes an update and waits (with a render-sized budget) for the matching reply and for the update's confirmation. */
async function step(
  chat: OwnerChat,
  update: Record<string, unknown>,
  match: (call: RecordedCall) => boolean = isChatOutput,
): Promise<void> {
  await chat.settle(RENDER_MS);
  const since = chat.api.calls.length;
  chat.api.push(update);
  await chat.api.waitForCall(match, { since, timeoutMs: RENDER_MS });
  await chat.settle(RENDER_MS);
}
/** `data` or, for a preview's buttons, `data:<job id>`. */
const tap = async (chat: OwnerChat, data: string, match?: (call: RecordedCall) => boolean) => {
  const shown = chat.shownButton(data);
  return step(chat, callback(shown, await chat.shownMessageWithButton(shown)), match);
};

/** /generate for an archived project, as the owner does it: 8 updates from the command to "Looks good". */
function generatorSteps(projectId: number, draft: string): Step[] {
  return [
    { label: "/generate", run: (chat) => step(chat, textMessage("/generate")) },
    {
      label: "choose project",
      run: (chat) => tap(chat, Buttons.generator.pack({ step: "project", arg: String(projectId) })),
    },
    { label: "choose template", run: (chat) => tap(chat, Buttons.generator.pack({ step: "template", arg: "0" })) },
    { label: "render 1 (album)", run: (chat) => step(chat, albumPhoto("crash-render-1", `album-${projectId}`)) },
    { label: "render 2 (album)", run: (chat) => step(chat, albumPhoto("crash-render-2", `album-${projectId}`)) },
    { label: "Done", run: (chat) => tap(chat, Buttons.generator.pack({ step: "rendersDone" })) },
    { label: "draft text → texts → preview", run: (chat) => step(chat, textMessage(draft), isPreview) },
    {
      label: "Looks good → PDF",
      run: (chat) =>
        tap(
          chat,
          Buttons.generator.pack({ step: "looksGood" }),
          (c) => c.method === "editMessageText" && /сохранены|сохранён/.test(String(c.payload.text)),
        ),
    },
  ];
}

async function jpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 50 * seed, g: 110, b: 190 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe("kill -9 at every step of the content generator (SQLite, real Chromium)", () => {
  const session = new BotSession();
  const rows = <T>(query: string, ...params: unknown[]) => sqliteRows<T>(session.databaseUrl, query, ...params);
  const assetsOf = (projectId: number) =>
    rows<{ kind: string; telegramFileId: string | null }>(
      "SELECT kind, telegramFileId FROM ProjectAsset WHERE projectId = ? ORDER BY id",
      projectId,
    );
  const documentsNamed = (fileName: string) =>
    session.api.callsOf("sendDocument").filter((c) => Object.values(c.files)[0]?.name === fileName);
  /** Until no job is left to run: the work a step started has ended (a re-run after a kill included). */
  const jobsEnded = () => jobsEndedIn(session.databaseUrl, RENDER_MS);
  /** The card previews shown for a project, once every job has ended. */
  const previewsOf = async (name: string) => {
    await jobsEnded();
    return session.api.callsOf("sendPhoto").filter((c) => String(c.payload.caption).includes(`«${name}»`));
  };
  const orphanCounts: number[] = [];

  beforeAll(async () => {
    await session.start();
    session.api.addFile("crash-render-1", await jpeg(1));
    session.api.addFile("crash-render-2", await jpeg(2));
  }, 60_000);
  afterAll(() => closeGracefully(session));

  const archivedProject = (name: string) => {
    const now = new Date().toISOString();
    return sqliteRun(
      session.databaseUrl,
      "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES (?, ?, 'archived', ?, ?)",
      name,
      `Описание ${name}`,
      now,
      now,
    );
  };

  const labels = generatorSteps(0, "").map((s) => s.label);
  for (let k = 1; k <= labels.length; k++) {
    test(`killed after step ${k} (${labels[k - 1]}) → restarted → finished: one PDF sent, one set of assets`, async (context) => {
      const observed = reliabilityCase(context, {
        area: "Crashes",
        injected: `/generate: kill -9 once the bot has handled step ${k} of ${labels.length} (${labels[k - 1]}), then a new process`,
        checked:
          "the owner continues at the next step; the project ends with exactly 1 generated_pdf, 1 card_text, 1 social_text and both renders once; exactly one PDF document sent",
      });
      const name = `Crash gen ${k}`;
      const id = archivedProject(name);
      const steps = generatorSteps(id, `Черновик ${k}: алюминий и дуб.`);
      for (const step of steps.slice(0, k)) await step.run(session.chat);
      // "After the step": its jobs have ended too (a kill while one runs: the in-flight family and the next case).
      await jobsEnded();
      const started = Date.now();
      const { orphans } = await crashAfterSettle(session);
      const restartMs = Date.now() - started;
      orphanCounts.push(orphans.length);
      for (const step of steps.slice(k)) await step.run(session.chat);

      const assets = assetsOf(id);
      expect(assets.map((a) => a.kind)).toEqual([
        "generated_pdf",
        "card_text",
        "social_text",
        "final_render",
        "final_render",
      ]);
      expect(assets.slice(3).map((a) => a.telegramFileId)).toEqual(["crash-render-1", "crash-render-2"]);
      const pdfs = documentsNamed(`Crash_gen_${k}_Card.pdf`);
      expect(pdfs).toHaveLength(1);
      expect(Object.values(pdfs[0].files)[0].bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(assets[0].telegramFileId).toBe(pdfs[0].result.document.file_id);
      // The reply to the text, not a late edit of the confirmation (the sync worker redraws it once Notion is written).
      const reply = await session.chat.send("ещё текст", (c) => c.method === "sendMessage");
      expect(reply.payload.text).toContain("/start");
      // A card job the kill cut short runs again, but a preview the owner already has is not shown twice.
      expect(await previewsOf(name)).toHaveLength(1);
      observed(
        `assets 1/1/1/2, 1 PDF, 1 preview; restart ${restartMs} ms; ${orphans.length} Chromium/helper process(es) orphaned by the kill (reaped by the test)`,
      );
    }, 120_000);
  }

  for (let k = 1; k <= labels.length; k++) {
    test(`killed while step ${k} (${labels[k - 1]}) is in flight → the re-delivered update is applied once`, async (context) => {
      const observed = reliabilityCase(context, {
        area: "Crashes",
        injected: `/generate: kill -9 the moment the bot sends its first reply to step ${k} (${labels[k - 1]}), before the update is confirmed; Telegram re-delivers it to the next process`,
        checked:
          "the step is applied once (a re-delivered render is not counted twice), the project ends with exactly 1 PDF asset, 2 texts and both renders once; one PDF document sent",
      });
      const name = `In flight gen ${k}`;
      const id = archivedProject(name);
      const steps = generatorSteps(id, `Черновик ${k} в полёте.`);
      for (const step of steps.slice(0, k - 1)) await step.run(session.chat);
      const killed = killOnCall(session, isChatOutput, session.api.calls.length);
      await steps[k - 1].run(session.chat);
      const { orphans } = await killed;
      await session.chat.settle(RENDER_MS);
      for (const step of steps.slice(k)) await step.run(session.chat);

      const assets = assetsOf(id);
      expect(assets.map((a) => a.kind)).toEqual([
        "generated_pdf",
        "card_text",
        "social_text",
        "final_render",
        "final_render",
      ]);
      expect(assets.slice(3).map((a) => a.telegramFileId)).toEqual(["crash-render-1", "crash-render-2"]);
      const pdfs = documentsNamed(`In_flight_gen_${k}_Card.pdf`);
      expect(pdfs).toHaveLength(1);
      expect(assets[0].telegramFileId).toBe(pdfs[0].result.document.file_id);
      // The reply to the text, not a late edit of the confirmation (the sync worker redraws it once Notion is written).
      const reply = await session.chat.send("ещё текст", (c) => c.method === "sendMessage");
      expect(reply.payload.text).toContain("/start");
      expect(await previewsOf(name)).toHaveLength(1);
      observed(`assets 1/1/1/2, 1 PDF, 1 preview; ${orphans.length} orphaned process(es) reaped`);
    }, 120_000);
  }

  test("killed the moment the preview reaches Telegram (the job not yet ended) → the job shows it again; one PDF", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "/generate → … → draft text; kill -9 the moment the card job's preview reaches Telegram, before the job has ended (its answer never came back); a new process",
      checked:
        "the job runs again and shows the preview again (Telegram may not have delivered it) with the same job's buttons; “Looks good” on it sends one PDF; the project ends with 1 PDF asset, 2 texts, 2 renders",
    });
    const name = "Preview cut";
    const id = archivedProject(name);
    const steps = generatorSteps(id, "Черновик: превью оборвалось.");
    for (const step of steps.slice(0, 6)) await step.run(session.chat);
    const killed = killOnCall(session, isPreview, session.api.calls.length);
    session.api.push(textMessage("Черновик: превью оборвалось."));
    const { orphans } = await killed;
    await steps[7].run(session.chat);

    const previews = await previewsOf(name);
    const okButtons = previews.map((c) => JSON.stringify(c.payload.reply_markup).match(/gen:ok:\d+/)?.[0]);
    expect(okButtons).toHaveLength(2);
    expect(okButtons[0]).toBeDefined();
    expect(okButtons[1]).toBe(okButtons[0]);
    expect(documentsNamed("Preview_cut_Card.pdf")).toHaveLength(1);
    expect(assetsOf(id).map((a) => a.kind)).toEqual([
      "generated_pdf",
      "card_text",
      "social_text",
      "final_render",
      "final_render",
    ]);
    observed(`2 previews of one job, 1 PDF, assets 1/1/1/2; ${orphans.length} orphaned process(es) reaped`);
  }, 120_000);

  test("manual entry killed before “Save as a project?” is answered → one new project", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "/generate → Enter manually → … → Looks good; kill -9 while the bot waits for “Save as a new project?”, new process, owner taps Yes",
      checked: "exactly one new archived project with its 1 PDF + 2 texts + 1 render, exactly one PDF sent",
    });
    const { chat } = session;
    await chat.send("/generate");
    await chat.tap(Buttons.generator.pack({ step: "manual" }));
    await chat.send("Ручной сбой");
    await chat.send("Проект введён вручную.");
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    await chat.push(albumPhoto("crash-render-1", "album-manual"));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    await step(chat, textMessage("Черновик ручного проекта."), isPreview);
    expect((await chat.tapAny(Buttons.generator.pack({ step: "looksGood" }))).payload.text).toContain("Сохранить");
    await jobsEnded();
    await crashAfterSettle(session);
    await tap(
      chat,
      Buttons.generator.pack({ step: "saveProject", arg: "y" }),
      (c) => c.method === "editMessageText" && String(c.payload.text).includes("сохранён в архив"),
    );
    const projects = rows<{ id: number; status: string }>(
      "SELECT id, status FROM Project WHERE name = ?",
      "Ручной сбой",
    );
    expect(projects).toEqual([{ id: expect.any(Number), status: "archived" }]);
    expect(assetsOf(projects[0].id).map((a) => a.kind)).toEqual([
      "generated_pdf",
      "card_text",
      "social_text",
      "final_render",
    ]);
    expect(documentsNamed("Ручной_сбой_Card.pdf")).toHaveLength(1);
    observed("1 project, 4 assets, 1 PDF");
  }, 120_000);

  test("killed after the card was saved but before the update was confirmed (re-delivered) → the card is saved once", async (context) => {
    const observed = reliabilityCase(context, {
      area: "Crashes",
      injected:
        "/generate → … → “Looks good”: kill -9 the moment the final “saved” message reaches Telegram (assets committed, update not yet confirmed); Telegram re-delivers “Looks good” to the next process",
      checked:
        "the delivery job left running is run again at the start and finishes, but the project still gets exactly one set of assets, and the PDF is not sent again (the first run had published the sent PDF's file id in its job row)",
    });
    const id = archivedProject("Crash gen in flight");
    const steps = generatorSteps(id, "Черновик: сбой при отправке.");
    for (const step of steps.slice(0, 7)) await step.run(session.chat);
    const since = session.api.calls.length;
    const ok = session.chat.shownButton(Buttons.generator.pack({ step: "looksGood" }));
    session.api.push(callback(ok, await session.chat.shownMessageWithButton(ok)));
    const savedMessage = (c: RecordedCall) =>
      c.method === "editMessageText" && String(c.payload.text).includes("сохранены");
    const { orphans } = await killOnCall(session, savedMessage, since);
    await session.chat.settle(RENDER_MS);
    await until(() => session.api.calls.slice(since).filter(savedMessage).length === 2, RENDER_MS);

    const assets = assetsOf(id);
    expect(assets.map((a) => a.kind)).toEqual([
      "generated_pdf",
      "card_text",
      "social_text",
      "final_render",
      "final_render",
    ]);
    const pdfs = documentsNamed("Crash_gen_in_flight_Card.pdf");
    // The killed process had sent its PDF and kept its file id in the job row: the re-run uses it, sends none.
    expect(pdfs).toHaveLength(1);
    expect(pdfs.map((p) => p.result?.document.file_id)).toContain(assets[0].telegramFileId);
    observed(
      `1 set of assets (5 rows); ${pdfs.length} PDF messages in the chat; ${orphans.length} orphaned process(es) reaped`,
    );
  }, 120_000);
});
