import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeFal } from "../support/fake-fal.ts";
import { addIdea, textOf } from "../support/ai-helpers.ts";
import { reliabilityCase } from "./support/case.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "What the outside world sends back";
const MB = 1024 * 1024;
const fal = new FakeFal();
const session = new BotSession({ env: { FAL_API_KEY: fal.key, FAL_RETRIES: "off", FAL_TIMEOUT_MS: "20000" } });

/** Another service on this machine (a cloud metadata endpoint, say): the bot must never ask it anything. */
const metadataHits: string[] = [];
const metadata: Server = createServer((req: IncomingMessage, res) => {
  metadataHits.push(req.url ?? "");
  res.writeHead(200, { "content-type": "image/png" });
  res.end(readFileSync(new URL("../../package.json", import.meta.url)));
});
const metadataUrl = () => `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;

/** The bot process's peak resident memory so far (VmHWM), in MB. */
const peakRssMb = () => {
  const status = readFileSync(`/proc/${session.bot.child.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

/** A PNG whose header says 10 000 × 10 000 px (300 MB of pixels decoded) in a few hundred bytes. */
function pixelBombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(10_000, 0);
  header.writeUInt32BE(10_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.alloc(200)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  await fal.start();
  await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));
  Object.assign((session as any).env, { FAL_BASE_URL: fal.baseUrl });
  await session.start();
}, 60_000);
afterAll(async () => {
  await session.close();
  await fal.close();
  metadata.close();
});

describe("Fal's answers are not trusted", () => {
  /** A moodboard for a new idea while Fal answers as `arm` makes it; the owner's screen afterwards. */
  async function moodboardWith(arm: () => void) {
    const id = await addIdea(session.chat, `Fal ${Date.now()}`, "Лампа из дуба");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    fal.reset();
    arm();
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "moodboards" }));
    const since = session.api.calls.length;
    await session.chat.tap(Buttons.ai.pack({ projectId: id, action: "newMoodboard" }));
    const fault = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && /Fal (прислал|не вернул|сейчас)|на Fal уже недоступны/.test(textOf(c)),
      { since, timeoutMs: 30_000 },
    );
    await session.chat.settle(20_000);
    const sent = session.api.calls.slice(since).filter((c) => ["sendMediaGroup", "sendPhoto"].includes(c.method));
    fal.reset();
    return { fault: textOf(fault), sent };
  }

  it("result URLs on another host, or redirected there: never fetched, the owner is told", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "Fal's result lists image URLs on another service of this machine (127.0.0.1, /latest/meta-data/iam/…), " +
        "then URLs on Fal's own origin that answer 302 to that service",
      checked: "that service gets no request; no photo reaches Telegram; the owner reads that Fal sent no image",
    });
    const observed: string[] = [];
    const elsewhere = () => `${metadataUrl()}/latest/meta-data/iam/security-credentials/role`;
    for (const [name, arm] of [
      ["other host", () => (fal.resultUrl = elsewhere)],
      [
        "redirect",
        () => {
          fal.resultUrl = (_served, index) => `${fal.baseUrl}/files/moved-${index}`;
          for (let index = 0; index < 4; index++)
            fal.fileAnswers.set(`/files/moved-${index}`, (res) => {
              res.writeHead(302, { location: elsewhere() });
              res.end();
            });
        },
      ],
    ] as const) {
      const { fault, sent } = await moodboardWith(arm);
      expect(metadataHits).toEqual([]);
      expect(sent).toEqual([]);
      expect(fault).toContain("Fal прислал не картинку");
      observed.push(`${name}: 0 requests to the other service, 0 photos sent`);
    }
    done(observed.join("; "));
  });

  it("an HTML page, 4 × 50 MB bodies and a 10 000² px PNG instead of images: refused before Telegram", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "Fal's image URLs answer an HTML page (content-type image/png), then 50 MB bodies (declared, then chunked " +
        "without a length), then a 300-byte PNG whose header says 10 000 × 10 000 px",
      checked:
        "no photo reaches Telegram; the owner reads that Fal sent no image; the bot's peak memory grows by less than " +
        "70 MB (four downloads at once, each stopped at Telegram's 10 MB photo limit)",
    });
    const html = Buffer.from("<!doctype html><title>Sign in</title><h1>Please sign in</h1>".repeat(20));
    const huge = Buffer.alloc(50 * MB, 0xff);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const bomb = pixelBombPng();
    expect((await sharp(bomb).metadata()).width).toBe(10_000);
    const serve = (answer: (res: import("node:http").ServerResponse) => void) => () => {
      fal.resultUrl = (_served, index) => `${fal.baseUrl}/files/hostile-${index}`;
      for (let index = 0; index < 4; index++) fal.fileAnswers.set(`/files/hostile-${index}`, answer);
    };
    const observed: string[] = [];
    const peakBefore = peakRssMb();
    for (const [name, arm] of [
      ["HTML page", serve((res) => res.writeHead(200, { "content-type": "image/png" }).end(html))],
      [
        "50 MB declared",
        serve((res) => res.writeHead(200, { "content-type": "image/jpeg", "content-length": huge.length }).end(huge)),
      ],
      [
        "50 MB chunked",
        serve((res) => {
          res.writeHead(200, { "content-type": "image/jpeg", "transfer-encoding": "chunked" });
          let left = 50;
          const more = () => {
            while (left > 0) {
              left--;
              if (!res.write(huge.subarray(0, MB))) return void res.once("drain", more);
            }
            res.end();
          };
          res.on("error", () => undefined);
          more();
        }),
      ],
      ["pixel bomb", serve((res) => res.writeHead(200, { "content-type": "image/png" }).end(bomb))],
    ] as const) {
      const { fault, sent } = await moodboardWith(arm);
      expect(sent).toEqual([]);
      expect(fault).toContain("Fal прислал не картинку");
      observed.push(`${name}: refused, 0 photos sent (peak RSS ${peakRssMb().toFixed(0)} MB)`);
    }
    const grewMb = peakRssMb() - peakBefore;
    done(`${observed.join("; ")}; peak RSS grew ${grewMb.toFixed(0)} MB from ${peakBefore.toFixed(0)} MB`);
    expect(grewMb, observed.join("; ")).toBeLessThan(70);
  });

  it("result URLs that answer 404 (Fal keeps files for days): the owner reads they are gone, not a generic fault", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "Fal's result image URLs answer 404 (its files expired)",
      checked: "no photo reaches Telegram; the owner reads that Fal no longer has the files",
    });
    const { fault, sent } = await moodboardWith(() => (fal.filesGone = true));
    expect(sent).toEqual([]);
    expect(fault).toContain("на Fal уже недоступны");
    done(`“${fault.slice(0, 60)}…”, 0 photos sent`);
  });
});
