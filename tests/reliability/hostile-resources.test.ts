import { createServer as createHttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { zipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TemplateSandbox } from "../../src/services/pdf/template-sandbox.ts";
import { workerCommand } from "../../bench/procfile.ts";
import { BotSession } from "../support/session.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { hugePng, solidGif, truncatedJpeg } from "../support/big-images.ts";
import { sqliteRun } from "../support/sqlite.ts";
import { lyingZipBomb } from "../support/zip-bomb.ts";
import { reliabilityCase } from "./support/case.ts";
import { ownerStartLatency, percentile } from "./support/measure.ts";
import { mb, memorySampler, treeBreakdown } from "./support/process-tree.ts";
import { Buttons } from "../../src/bot/buttons.ts";
import { documentMessage } from "../support/owner-chat.ts";

/** The dyno has 512 MB; the bot's whole process tree (bot, sandbox child, Chromium) must stay under this. */
const TREE_BUDGET_BYTES = 450 * 1024 * 1024;
// Started as the Procfile's worker runs it (MALLOC_ARENA_MAX, V8 flags): the memory measured is the dyno's.
const session = new BotSession(workerCommand());
const utf8 = (text: string) => new TextEncoder().encode(text);
const page = (body: string, head = "") =>
  `<html><head>${head}<style>@page{size:400px 300px;margin:0}</style></head><body><h1>{{ project_name }}</h1>${body}</body></html>`;
const failed = (c: RecordedCall) =>
  (c.method === "sendMessage" || c.method === "editMessageText") && String(c.payload.text).includes("❌");
const outcome = (c: RecordedCall) => c.method === "sendDocument" || failed(c);
const botPid = () => session.bot.child.pid!;

/**
 * Uploads a template through /templates → Add and resolves with the first outcome (PDF sent or ❌) and its time.
 * `meanwhile` runs from the moment the file is sent until the outcome arrives.
 */
/** Each upload's own template name and file id. */
let uploads = 0;

async function uploadTemplate(name: string, bytes: Uint8Array, meanwhile?: (until: Promise<unknown>) => Promise<void>) {
  const { api, chat } = session;
  await chat.send("/cancel");
  await chat.send("/templates");
  await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
  const n = ++uploads;
  await chat.send(`Hostile ${n}`);
  const fileId = `res-${n}`;
  api.addFile(fileId, Buffer.from(bytes));
  const since = api.calls.length;
  const started = performance.now();
  const first = await chat.push(documentMessage(fileId, name, bytes.length, "application/octet-stream"));
  if (first.method === "sendMessage" && String(first.payload.text).includes(".css"))
    await chat.tap(Buttons.templateUpload.pack({ action: "skipcss" }));
  const arrived = api.waitForCall(outcome, { since, timeoutMs: 60_000 });
  const seconds = arrived.then(() => (performance.now() - started) / 1000);
  const [result] = await Promise.all([arrived, meanwhile?.(arrived)]);
  await chat.settle(30_000);
  await chat.send("/cancel");
  return { result, seconds: await seconds, text: String(result.payload.text ?? "") };
}

let projectId = 0;
beforeAll(async () => {
  await session.start();
  const now = new Date().toISOString();
  projectId = sqliteRun(
    session.databaseUrl,
    "INSERT INTO Project (name, description, status, createdAt, updatedAt) VALUES ('Лампа', 'Дуб и алюминий.', 'archived', ?, ?)",
    now,
    now,
  );
}, 60_000);
afterAll(() => session.close());

describe("hostile files: memory, event loop, sandbox, renderer", () => {
  it("renders sent to the generator: an 8000×8000 GIF named render.png, a 30000×30000 PNG, a truncated JPEG", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected:
        "the owner sends the generator, as files, an 8000×8000 GIF named render.png (44 KB), a 30000×30000 PNG (110 KB), " +
        "a JPEG cut to 70 % and one good photo",
      checked: `the card is made from the good photo and the owner is told which photos were left out and why; the bot's process tree (PSS) stays under ${mb(TREE_BUDGET_BYTES)}`,
    });
    const { api, chat } = session;
    const good = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#468" } })
      .jpeg()
      .toBuffer();
    const files: [string, string, Buffer, string][] = [
      ["gif", "render.png", await solidGif(8000, 8000), "image/png"],
      ["png", "huge.png", hugePng(30000, 30000), "image/png"],
      ["cut", "cut.jpg", await truncatedJpeg(), "image/jpeg"],
      ["good", "good.jpg", good, "image/jpeg"],
    ];
    for (const [id, , bytes] of files) api.addFile(`photo-${id}`, bytes);
    await chat.send("/cancel");
    await chat.send("/generate");
    await chat.tap(Buttons.generator.pack({ step: "project", arg: String(projectId) }));
    await chat.tap(Buttons.generator.pack({ step: "template", arg: "0" }));
    const sampler = memorySampler(botPid());
    for (const [id, name, bytes, mime] of files)
      await chat.push(documentMessage(`photo-${id}`, name, bytes.length, mime));
    await chat.tap(Buttons.generator.pack({ step: "rendersDone" }));
    const since = api.calls.length;
    await chat.send("Корпус из алюминия.");
    const preview = await api.waitForCall((c) => c.method === "sendPhoto" || failed(c), { since, timeoutMs: 90_000 });
    const { peakBytes, startBytes } = sampler.stop();
    console.info(
      `${ctx.task.name}: process tree ${mb(startBytes)} → peak ${mb(peakBytes)}; now ${treeBreakdown(botPid())}`,
    );
    await chat.send("/cancel");
    expect(preview.method, String(preview.payload.text)).toBe("sendPhoto");
    const caption = String(preview.payload.caption);
    expect(caption).toContain("без фото");
    expect(caption).toContain("№1 (8");
    expect(caption).toContain("№2 (30");
    expect(caption).toContain("№3 (файл повреждён)");
    expect(caption).not.toContain("№4");
    expect(peakBytes).toBeLessThan(TREE_BUDGET_BYTES);
    expect(session.bot.child.exitCode).toBeNull();
    done(
      `card made from the good photo; notice: “${caption.split("\n").at(-1)}”; process tree ${mb(startBytes)} → peak ${mb(peakBytes)}`,
    );
  });

  it("a template that prints 300 000 elements (under the output cap)", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected:
        "the owner uploads a template whose loop prints 300 000 <i> elements (2.1 MB of HTML, under the 20 MB output cap)",
      checked: `refused with a clear ❌ message before Chromium builds the page; process tree under ${mb(TREE_BUDGET_BYTES)}`,
    });
    const sampler = memorySampler(botPid());
    const { result, seconds, text } = await uploadTemplate(
      "dom.html",
      utf8(page(`{% for i in range(30000) %}${"<i></i>".repeat(10)}{% endfor %}`)),
    );
    const { peakBytes, startBytes } = sampler.stop();
    console.info(
      `${ctx.task.name}: process tree ${mb(startBytes)} → peak ${mb(peakBytes)}; now ${treeBreakdown(botPid())}`,
    );
    expect(failed(result), text).toBe(true);
    expect(text).toContain("элементов");
    expect(peakBytes).toBeLessThan(TREE_BUDGET_BYTES);
    done(
      `refused in ${seconds.toFixed(1)} s: “${text.slice(0, 90)}…”; process tree ${mb(startBytes)} → peak ${mb(peakBytes)}`,
    );
  });

  it("a ZIP whose entries declare 1 KB and inflate to 2 GiB each, while the owner keeps using the bot", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected:
        "the owner uploads a 19 MB ZIP: 9 entries that declare 1 KB and inflate to 2 GiB each; /start is sent every 100 ms meanwhile",
      checked: `refused with a clear ❌ message (the entry inflates past what the ZIP declares) within 1 s; every /start answered, none later than 1 s; process tree under ${mb(TREE_BUDGET_BYTES)}`,
    });
    const bomb = lyingZipBomb();
    const latencies: number[] = [];
    const ping = async (until: Promise<unknown>) => {
      let uploading = true;
      void until.finally(() => (uploading = false));
      do {
        latencies.push((await ownerStartLatency(session.api)).latencyMs);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } while (uploading);
    };
    const sampler = memorySampler(botPid());
    const { result, seconds, text } = await uploadTemplate("bomb.zip", bomb, ping);
    const { peakBytes, startBytes } = sampler.stop();
    console.info(
      `${ctx.task.name}: process tree ${mb(startBytes)} → peak ${mb(peakBytes)}; now ${treeBreakdown(botPid())}`,
    );
    expect(failed(result), text).toBe(true);
    expect(text).toContain("распаковывается больше");
    // The bot's own part: from fetching the file (the transfer included) to the refusal.
    const download = session.api.downloads.filter((d) => d.at <= result.at).at(-1)!;
    const refusedInMs = result.at - download.at;
    expect(refusedInMs).toBeLessThan(1000);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(peakBytes).toBeLessThan(TREE_BUDGET_BYTES);
    const worst = Math.max(...latencies).toFixed(0);
    done(
      `${(bomb.length / 1024 / 1024).toFixed(1)} MB ZIP refused ${refusedInMs} ms after the bot fetched it ` +
        `(${seconds.toFixed(2)} s from the upload, getFile and progress message included); /start p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `max ${worst} ms over ${latencies.length} pings (longest freeze ≤ ${worst} ms); process tree ${mb(startBytes)} → peak ${mb(peakBytes)}`,
    );
  });

  it("a CSS background image of 20000×20000 px in a ZIP", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected: "the owner uploads a ZIP whose style.css sets a 20000×20000 PNG (50 KB) as the page background",
      checked: `refused with a clear ❌ message naming the image and its size; process tree under ${mb(TREE_BUDGET_BYTES)}`,
    });
    const zip = zipSync({
      "template.html": utf8(page("<p>bg</p>")),
      "style.css": utf8("body { background: url(images/bg.png) center / cover; }"),
      "images/bg.png": hugePng(20000, 20000),
    });
    const sampler = memorySampler(botPid());
    const { result, seconds, text } = await uploadTemplate("bg.zip", zip);
    const { peakBytes, startBytes } = sampler.stop();
    console.info(
      `${ctx.task.name}: process tree ${mb(startBytes)} → peak ${mb(peakBytes)}; now ${treeBreakdown(botPid())}`,
    );
    expect(failed(result), text).toBe(true);
    expect(text).toContain("images/bg.png");
    expect(peakBytes).toBeLessThan(TREE_BUDGET_BYTES);
    done(`refused in ${seconds.toFixed(1)} s: “${text}”; process tree ${mb(startBytes)} → peak ${mb(peakBytes)}`);
  });

  it("renderer isolation: preconnect, iframe and meta refresh to a host name and to 127.0.0.1 open no TCP connection", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected:
        "the owner uploads a template with <link rel=preconnect>, <link rel=dns-prefetch>, <iframe src>, <meta http-equiv=refresh> pointing at a raw TCP listener (by 127.0.0.1 and by host name)",
      checked: "it renders; the listener sees 0 TCP connections (counted on accept, not per HTTP request)",
    });
    let connections = 0;
    const listener: Server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      const targets = [`http://127.0.0.1:${port}`, `http://exfil-${port}.localhost:${port}`];
      const head = targets
        .map(
          (t) =>
            `<link rel="preconnect" href="${t}"><link rel="dns-prefetch" href="${t}"><link rel="prefetch" href="${t}/p">`,
        )
        .join("");
      const body = targets.map((t) => `<iframe src="${t}/frame"></iframe>`).join("");
      const { result, text } = await uploadTemplate(
        "net.html",
        utf8(page(body, `${head}<meta http-equiv="refresh" content="0;url=${targets[0]}/r">`)),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(result.method, text).toBe("sendDocument");
      expect(connections).toBe(0);
      done(`rendered; ${connections} TCP connections accepted by the listener`);
    } finally {
      listener.close();
    }
  });

  it("sandbox escape: the context's host-realm constructor, process, a loopback request and kill(parent)", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected:
        "template code (played by TemplateSandbox.probe: what a template could run had it found a way into JavaScript) tries " +
        "globalThis.constructor.constructor('return process')(), an HTTP request to a loopback listener, process.kill(process.ppid), " +
        "and leaving a value for the next render",
      checked:
        "no process is reachable, the listener gets no connection, the parent (here the test worker) lives, the next render sees nothing of the last",
    });
    let requests = 0;
    const listener = createHttpServer((_req, res) => {
      requests++;
      res.end("x");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;
    const sandbox = new TemplateSandbox({ timeoutMs: 5000 });
    try {
      const escape = await sandbox.probe(
        "const p = globalThis.constructor.constructor('return process')(); " +
          `p.kill(p.ppid, 'SIGKILL'); fetch('http://127.0.0.1:${port}/'); return 'escaped'`,
      );
      const viaFunction = await sandbox.probe("return typeof Function('return this')().process");
      await sandbox.probe("globalThis.card = 'secret of the last card'; Object.prototype.seen = 1");
      const next = await sandbox.probe("return String(globalThis.card) + '/' + String(({}).seen)");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(escape).toMatchObject({ ok: false, kind: "runtime" });
      expect(viaFunction).toEqual({ ok: true, html: "undefined" });
      expect(next).toEqual({ ok: true, html: "undefined/undefined" });
      expect(requests).toBe(0);
      done(
        `escape attempt: “${escape.ok ? "" : escape.message}”; process via Function: ${viaFunction.ok ? viaFunction.html : "-"}; next render saw “${next.ok ? next.html : ""}”; ${requests} requests; parent alive`,
      );
    } finally {
      sandbox.close();
      listener.close();
    }
  });
});
