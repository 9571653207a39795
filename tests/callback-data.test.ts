import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Buttons } from "../src/bot/buttons.ts";
import {
  CALLBACK_DATA_MAX_BYTES,
  type CallbackCodec,
  callbackCodec,
  int,
  optional,
} from "../src/bot/callback-codec.ts";

const MAX_ID = 9_999_999_999;
/** The longest value of every codec (and a short one), as a keyboard would write it. */
const SAMPLES: { [K in keyof typeof Buttons]: Parameters<(typeof Buttons)[K]["pack"]>[0][] } = {
  nav: [{ screen: "main" }, { screen: "list", status: "archived" }],
  list: [{ status: "archived", page: 99_999 }],
  project: [
    { id: 1, action: "open" },
    { id: MAX_ID, action: "confirmdelete", arg: "none" },
  ],
  ai: [{ projectId: MAX_ID, action: "moodboards" }],
  moodboard: [
    { draftId: 3, action: "all" },
    { draftId: MAX_ID, action: "aspect", arg: "16x9" },
  ],
  savedMoodboard: [{ id: MAX_ID }],
  text: [{ assetId: MAX_ID, action: "edit" }],
  voice: [{ id: MAX_ID, action: "retry" }],
  reminder: [
    { action: "pause", n: 7 },
    { action: "digestAgain", n: 1_796_000_000, arg: undefined },
    { action: "resume", n: MAX_ID, arg: "30" },
  ],
  deadline: [{ pick: "twoWeeks" }, { pick: "none" }],
  notionOffer: [{ action: "ignore", offerId: MAX_ID }],
  template: [{ id: MAX_ID, action: "confirmdelete" }],
  templateUpload: [{ action: "skipcss" }],
  generator: [{ step: "rendersDone" }, { step: "fromCard", arg: String(MAX_ID) }],
  settings: [{ section: "close" }, { section: "quietHours", arg: "22-8" }],
  flow: [{ action: "cancel" }, { action: "moodboardOffer", arg: "skip" }],
  sync: [{ action: "retry" }],
  find: [{ action: "again" }],
};

const codecs = Object.entries(Buttons) as [keyof typeof Buttons, CallbackCodec<unknown>][];

describe("callback data registry", () => {
  it("every codec fits Telegram's 64 bytes at its longest", () => {
    for (const [name, codec] of codecs) {
      expect(codec.maxBytes, name).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      for (const sample of SAMPLES[name])
        expect(Buffer.byteLength(codec.pack(sample)), name).toBeLessThanOrEqual(codec.maxBytes);
    }
  });

  it("prefixes are unique, and none is the start of another's data", () => {
    const prefixes = codecs.map(([, codec]) => codec.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(b.startsWith(`${a}:`), `${a} / ${b}`).toBe(false);
  });

  it("every codec reads back what it wrote, and no other codec reads it", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(Buttons).sort());
    for (const [name, codec] of codecs)
      for (const sample of SAMPLES[name]) {
        const data = codec.pack(sample);
        const defined = Object.fromEntries(Object.entries(sample as object).filter(([, v]) => v !== undefined));
        expect(codec.unpack(data), data).toEqual(defined);
        for (const [other, otherCodec] of codecs)
          if (other !== name) expect(otherCodec.unpack(data), data).toBeUndefined();
      }
  });

  it("keeps the data the buttons already on the owner's screens carry", () => {
    expect(Buttons.project.pack({ id: 12, action: "open", arg: "2" })).toBe("p:12:open:2");
    expect(Buttons.reminder.pack({ action: "digestAgain", n: 1_796_000_000 })).toBe("r:dt:1796000000");
    expect(Buttons.nav.pack({ screen: "list", status: "idea" })).toBe("nav:list:idea");
    expect(Buttons.generator.pack({ step: "editTexts", arg: "card" })).toBe("gen:ed:card");
  });

  it("reads every short wire code written before the names as the name it became", () => {
    const sent: [string, Record<string, unknown>][] = [
      ["r:s:3", { action: "snooze", n: 3 }],
      ["r:ia:3", { action: "archiveIdea", n: 3 }],
      ["r:is:3", { action: "snoozeIdea", n: 3 }],
      ["np:i:5", { action: "import", offerId: 5 }],
      ["np:x:5", { action: "ignore", offerId: 5 }],
      ["ai:5:mb", { projectId: 5, action: "newMoodboard" }],
      ["mb:5:t:2", { draftId: 5, action: "tile", arg: "2" }],
      ["tx:5:re", { assetId: 5, action: "regenerate" }],
      ["gen:ok:41", { step: "looksGood", arg: "41" }],
      ["gen:sv:y", { step: "saveProject", arg: "y" }],
      ["gen:pg:2", { step: "projectsPage", arg: "2" }],
      ["set:dd:1", { section: "digestDay", arg: "1" }],
      ["set:tz", { section: "timeZone" }],
      ["flow:heard", { action: "useHeard" }],
    ];
    const codecs = Object.values(Buttons) as CallbackCodec<unknown>[];
    for (const [data, value] of sent) {
      const codec = codecs.find((c) => data.startsWith(`${c.prefix}:`) && c.unpack(data) !== undefined);
      expect(codec?.unpack(data), data).toEqual(value);
      expect(codec?.pack(value), data).toBe(data);
    }
  });

  it("refuses data of another shape: unknown actions, extra parts, missing parts, wrong characters", () => {
    for (const data of ["p:1", "p:1:fly", "p:1:open:2:3", "p:x:open", "p:1:open:A", "p:12345678901:open", "P:1:open"])
      expect(Buttons.project.unpack(data), data).toBeUndefined();
    expect(Buttons.nav.unpack(undefined)).toBeUndefined();
  });

  it("refuses to write data its own reader would not read", () => {
    expect(() => Buttons.project.pack({ id: 1, action: "open", arg: "Not-a-token!" })).toThrow(/does not fit/);
    expect(() => Buttons.project.pack({ id: -1, action: "open" })).toThrow(/does not fit/);
    expect(() => callbackCodec("x", { a: optional(int()), b: int() })).toThrow(/optional parts must come last/);
  });
});

const SRC_BOT = join(import.meta.dirname, "..", "src", "bot");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });

describe("no hand-built callback data", () => {
  it("handlers match codecs, keyboards write through codecs", () => {
    const found: string[] = [];
    for (const path of sources(SRC_BOT)) {
      if (path.endsWith("callback-codec.ts") || path.endsWith("buttons.ts")) continue;
      readFileSync(path, "utf8")
        .split("\n")
        .forEach((line, index) => {
          // A regex or string literal handed to callbackQuery, or `xx:${…}` written as a button's data.
          const handBuilt =
            /callbackQuery\(\s*(\/|["'`])/.test(line) ||
            /\.text\([^;]*,\s*["'`][a-z]{1,6}:/.test(line) ||
            /^\s*["'`][a-z]{1,6}:[a-z0-9${}]/.test(line);
          if (handBuilt) found.push(`${relative(SRC_BOT, path)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
