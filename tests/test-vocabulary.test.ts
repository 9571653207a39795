import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Buttons } from "../src/bot/buttons.ts";
import { ROOT } from "./support/bot-process.ts";

/**
 * Tests press buttons through the button registry (`Buttons.project.pack({ id, action: "open" })`, `isButton`),
 * never by hand-written callback data: the wire codes can then change in one place, and a test reads as the
 * owner's taps. Only the test that pins the wire codes (old buttons on screen keep working) writes them.
 */
const PINS_WIRE_CODES = "tests/callback-data.test.ts";
/** This file: its own examples show the check at work. */
const THIS_CHECK = "tests/test-vocabulary.test.ts";
/** Data that is wrong on purpose: hostile or malformed updates the bot must shrug off. */
const DELIBERATELY_RAW: Record<string, string[]> = {
  "tests/reliability/malformed-updates.test.ts": ["p:"],
  "tests/menu-navigation.test.ts": ["nav:"],
};

const LITERAL = /(["'`])([a-z]+:[^"'`\s]*)\1/g;
const codecs = Object.values(Buttons);

function testFiles(dir = join(ROOT, "tests")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Callback data written by hand: a literal the bot would read as a button, or a bare prefix to match buttons. */
function handBuiltData(source: string): string[] {
  const found: string[] = [];
  for (const [, , body] of source.matchAll(LITERAL)) {
    const data = body.replace(/\$\{[^}]*\}/g, "1");
    const isPrefix = codecs.some((codec) => data === `${codec.prefix}:`);
    if (isPrefix || codecs.some((codec) => codec.unpack(data) !== undefined)) found.push(body);
  }
  return found;
}

describe("the tests' vocabulary", () => {
  it("finds hand-built callback data (the check itself)", () => {
    expect(handBuiltData('chat.tap("p:12:open"); x.startsWith("mb:"); tap(`gen:ok:${job}`)')).toEqual([
      "p:12:open",
      "mb:",
      "gen:ok:${job}",
    ]);
    expect(handBuiltData('"p:-1:open"; "project:1:open"; "Лампа: эскиз"; `p:${id}` ')).toEqual([]);
  });

  it("no test writes callback data by hand: buttons come from the registry", () => {
    const offenders = testFiles()
      .map((file) => relative(ROOT, file))
      .filter((file) => file !== PINS_WIRE_CODES && file !== THIS_CHECK)
      .flatMap((file) => {
        const allowed = DELIBERATELY_RAW[file] ?? [];
        return handBuiltData(readFileSync(join(ROOT, file), "utf8"))
          .filter((data) => !allowed.includes(data))
          .map((data) => `${file}: "${data}"`);
      });
    expect(offenders).toEqual([]);
  });
});
