import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { reliabilityCase } from "./support/case.ts";
import { Buttons } from "../../src/bot/buttons.ts";
import { documentMessage } from "../support/owner-chat.ts";

const SECRETS = { LLM_API_KEY: "gemini-SECRET-key-7f3a9c", FAL_API_KEY: "fal-SECRET-key-2b8e41" };
const session = new BotSession({ env: { ...SECRETS } });
const secretDir = mkdtempSync(join(tmpdir(), "designflow-hostile-"));
const secretFile = join(secretDir, "secret.txt");
const hits: string[] = [];
let server: Server;
let origin = "";
/** Each upload's own template name and file id. */
let uploads = 0;
const utf8 = (text: string) => new TextEncoder().encode(text);
const page = (body: string, head = "") =>
  `<html><head>${head}<style>@page{size:400px 300px;margin:0}</style></head><body><h1>{{ project_name }}</h1>${body}</body></html>`;

type Upload = { name: string; bytes: Uint8Array; size?: number };
interface HostileCase {
  name: string;
  upload: () => Upload;
  /** "refused": a ❌ message, nothing rendered; "neutralised": renders, with the payload inert. */
  expect: "refused" | "neutralised" | "contained";
  /** Text the ❌ message must contain. */
  says?: string;
}

const cases: HostileCase[] = [
  {
    name: "SSTI: range.constructor → process.env",
    upload: () => ({ name: "ssti.html", bytes: utf8(page(`{{ range.constructor("return process.env")() }}`)) }),
    expect: "refused",
    says: "Сверстать не удалось",
  },
  {
    name: "SSTI: constructor chain → process.env.BOT_TOKEN",
    upload: () => ({
      name: "ssti2.html",
      bytes: utf8(
        page(`{{ range.constructor("return this.constructor.constructor('return process')().env.BOT_TOKEN")() }}`),
      ),
    }),
    expect: "refused",
    says: "❌",
  },
  {
    name: "SSTI: require('fs') / import() / fetch",
    upload: () => ({
      name: "ssti3.html",
      bytes: utf8(
        page(
          `{{ range.constructor("return [typeof require, typeof process, typeof fetch].join()")() }}{{ range.constructor("try { return import('node:fs').then(f => f.readFileSync('${secretFile}','utf8')) } catch (e) { return 'x' }")() }}`,
        ),
      ),
    }),
    expect: "refused",
    says: "Сверстать не удалось",
  },
  {
    name: "file:// iframe, img, object and CSS url()",
    upload: () => ({
      name: "file.html",
      bytes: utf8(
        page(
          `<iframe src="file://${secretFile}"></iframe><img src="file:///etc/passwd"><object data="file://${secretFile}"></object><div style="background:url(file:///etc/hostname)"></div>`,
        ),
      ),
    }),
    expect: "neutralised",
  },
  {
    name: "network: iframe, img, srcset, link, @import, @font-face, url(), object, video poster, <script fetch>",
    upload: () => ({
      name: "net.html",
      bytes: utf8(
        page(
          `<iframe src="ORIGIN/iframe"></iframe><img src="ORIGIN/img.png"><img srcset="ORIGIN/srcset.png 2x"><object data="ORIGIN/object"></object><video poster="ORIGIN/poster.png"></video><div style="background:url(ORIGIN/bg.png)">x</div><script>fetch("ORIGIN/script"); new Image().src = "ORIGIN/script-img"</script>`,
          `<link rel="stylesheet" href="ORIGIN/link.css"><style>@import url("ORIGIN/import.css"); @font-face { font-family: X; src: url(ORIGIN/font.ttf) } h1 { font-family: X }</style>`,
        ).replaceAll("ORIGIN", origin),
      ),
    }),
    expect: "neutralised",
  },
  {
    name: "meta refresh to a 127.0.0.1 server",
    upload: () => ({
      name: "refresh.html",
      bytes: utf8(page("", `<meta http-equiv="refresh" content="0;url=${origin}/refresh">`)),
    }),
    expect: "neutralised",
  },
  {
    name: "meta refresh to itself (endless reload)",
    upload: () => ({ name: "reload.html", bytes: utf8(page("", `<meta http-equiv="&#114;efresh" content="0">`)) }),
    expect: "neutralised",
  },
  {
    name: "malformed percent-escape assembled by the template (URIError)",
    upload: () => ({
      name: "uri.html",
      bytes: utf8(page(`<img src="/%E0%A4%A{{ "" }}.png"><div style="background:url('%E0%A4%A{{ "" }}.png')">x</div>`)),
    }),
    expect: "neutralised",
  },
  {
    name: "<script> rewriting the page",
    upload: () => ({
      name: "script.html",
      bytes: utf8(
        page(
          `<p id="p">static</p><script>document.body.innerHTML = "<h1>PWNED</h1>"; document.title = "PWNED"</script>`,
        ),
      ),
    }),
    expect: "neutralised",
  },
  {
    name: "zip-slip (../ path)",
    upload: () => ({
      name: "slip.zip",
      bytes: zipSync({ "template.html": utf8(page("")), "../../evil.sh": utf8("rm -rf /") }),
    }),
    expect: "refused",
    says: "небезопасный путь",
  },
  {
    name: "zip-slip (absolute path)",
    upload: () => ({
      name: "abs.zip",
      bytes: zipSync({ "template.html": utf8(page("")), "/etc/cron.d/evil": utf8("x") }),
    }),
    expect: "refused",
    says: "небезопасный путь",
  },
  {
    name: "zip bomb (61 MB of zeros in < 1 MB)",
    upload: () => ({
      name: "bomb.zip",
      bytes: zipSync(
        { "template.html": utf8(page("")), "images/zero.png": new Uint8Array(61 * 1024 * 1024) },
        { level: 9 },
      ),
    }),
    expect: "refused",
    says: "распаковывается больше",
  },
  {
    name: "oversized HTML (1 MB + 1 byte)",
    upload: () => ({ name: "big.html", bytes: new Uint8Array(1024 * 1024 + 1).fill(0x61) }),
    expect: "refused",
    says: "больше",
  },
  {
    name: "oversized ZIP (21 MB, Telegram's size field)",
    upload: () => ({ name: "huge.zip", bytes: utf8("PK"), size: 21 * 1024 * 1024 }),
    expect: "refused",
    says: "больше 20 МБ",
  },
  {
    name: "binary (PNG bytes) named .html",
    upload: () => ({
      name: "image.html",
      bytes: new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0xcf, 0xf0,
      ]),
    }),
    expect: "refused",
    says: "не в UTF-8",
  },
  {
    name: "non-UTF-8 (cp1251 without charset)",
    upload: () => ({
      name: "cp1251.html",
      bytes: new Uint8Array([...utf8("<p>"), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, ...utf8("</p>")]),
    }),
    expect: "refused",
    says: "не в UTF-8",
  },
  {
    name: "broken ZIP",
    upload: () => ({ name: "broken.zip", bytes: utf8("PK\u0003\u0004 not really") }),
    expect: "refused",
    says: "ZIP повреждён",
  },
];

function documentUpdate(fileId: string, upload: Upload) {
  return documentMessage(fileId, upload.name, upload.size ?? upload.bytes.length);
}

const outcome = (c: RecordedCall) =>
  c.method === "sendDocument" ||
  ((c.method === "sendMessage" || c.method === "editMessageText") && String(c.payload.text).includes("❌"));
const leaks = (call: RecordedCall, needles: string[]) => {
  const haystack =
    JSON.stringify(call.payload) +
    Object.values(call.files)
      .map((f) => f.bytes.toString("latin1"))
      .join("");
  return needles.filter((needle) => haystack.includes(needle));
};

beforeAll(async () => {
  writeFileSync(secretFile, "TOP-SECRET-FILE-MARKER");
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.end("NETWORK");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await session.start();
});
afterAll(async () => {
  await session.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("hostile templates and files uploaded through the bot", () => {
  it.for(cases)("$name", async (hostile, ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected: `the owner uploads ${hostile.name} via /templates → Add (fake Bot API document)`,
      checked: `${hostile.expect === "contained" ? "refused or rendered, either way contained" : hostile.expect === "refused" ? `refused with a clear ❌ message${hostile.says ? ` (“${hostile.says}”)` : ""}, nothing saved` : "renders with the payload inert"}; no BOT_TOKEN, API key or secret file content in any Bot API call (text or uploaded bytes) or the log; 0 requests reach the recording server on 127.0.0.1`,
    });
    const { api, chat } = session;
    await chat.send("/cancel");
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    const n = ++uploads;
    await chat.send(`Hostile ${n}`);
    const upload = hostile.upload();
    const fileId = `hostile-${n}`;
    api.addFile(fileId, Buffer.from(upload.bytes));
    const since = api.calls.length;
    const started = performance.now();
    const first = await chat.push(documentUpdate(fileId, upload));
    if (first.method === "sendMessage" && String(first.payload.text).includes(".css"))
      await chat.tap(Buttons.templateUpload.pack({ action: "skipcss" }));
    const result = await api.waitForCall(outcome, { since, timeoutMs: 45_000 });
    await chat.settle(45_000);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a late request from Chromium would land here

    const report = api.calls
      .slice(since)
      .filter((c) => c.method === "editMessageText" || c.method === "sendMessage")
      .map((c) => String(c.payload.text))
      .join("\n");
    const needles = [api.token, ...Object.values(SECRETS), "TOP-SECRET-FILE-MARKER", "root:x:0:0"];
    const leaked = api.calls.flatMap((c) => leaks(c, needles));
    expect(leaked).toEqual([]);
    expect(needles.filter((n) => session.bot.output.includes(n))).toEqual([]);
    expect(hits).toEqual([]);
    if (hostile.expect === "contained") {
      done(
        `${result.method === "sendDocument" ? "rendered" : `refused: “${String(result.payload.text).split("\n")[0].slice(0, 120)}”`} in ${seconds} s; 0 secrets out, 0 network hits`,
      );
    } else if (hostile.expect === "refused") {
      expect(result.method).not.toBe("sendDocument");
      if (hostile.says) expect(report).toContain(hostile.says);
      done(
        `refused in ${seconds} s: “${String(result.payload.text).split("\n")[0].slice(0, 120)}”; 0 secrets out, 0 network hits`,
      );
    } else {
      expect(result.method, String(result.payload.text)).toBe("sendDocument");
      const preview = api.calls.slice(since).find((c) => c.method === "sendPhoto");
      const previewBytes = preview ? Object.values(preview.files)[0]?.bytes.length : 0;
      const blocked = report.includes("Внешние ссылки заблокированы");
      done(
        `rendered in ${seconds} s with the payload inert (sample preview ${previewBytes} bytes${blocked ? ", owner warned that external links were blocked" : ""}); 0 secrets out, 0 network hits`,
      );
    }
    expect(session.bot.child.exitCode).toBeNull();
  });

  it("the script and SSTI payloads did not run: the rendered sample shows the static page", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: "Hostile templates and files",
      injected: "the same page rendered with and without a <script> that rewrites it",
      checked: "both sample PNGs are identical (JavaScript is off in Chromium)",
    });
    const { api, chat } = session;
    const pngOf = async (name: string, html: string) => {
      await chat.send("/cancel");
      await chat.send("/templates");
      await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
      await chat.send(name);
      const fileId = `cmp-${++uploads}`;
      api.addFile(fileId, Buffer.from(html));
      const since = api.calls.length;
      await chat.push(documentUpdate(fileId, { name: "p.html", bytes: utf8(html) }));
      await chat.tap(Buttons.templateUpload.pack({ action: "skipcss" }));
      await api.waitForCall((c) => c.method === "sendDocument", { since, timeoutMs: 45_000 });
      return Object.values(api.calls.slice(since).find((c) => c.method === "sendPhoto")!.files)[0].bytes;
    };
    const plain = await pngOf("Plain", page(`<p>static</p>`));
    const scripted = await pngOf(
      "Scripted",
      page(`<p>static</p><script>document.body.innerHTML = "<h1 style='font-size:200px'>PWNED</h1>"</script>`),
    );
    expect(scripted.equals(plain)).toBe(true);
    await chat.send("/cancel");
    done(`identical sample PNGs (${plain.length} bytes)`);
  });
});
