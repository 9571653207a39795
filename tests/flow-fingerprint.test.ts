import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_SOURCES_FINGERPRINT, FLOW_STORAGE_VERSION } from "../src/bot/features/flows.ts";

const BOT = join(import.meta.dirname, "..", "src", "bot");
/** A file is a flow source when it drives a conversation: its code is what stored replay logs were written by. */
const DRIVES_A_CONVERSATION =
  /conversation\.(wait|external|skip|halt|form|waitFor|waitUntil|checkpoint|rewind)\b|Conversation</;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function flowSourcesFingerprint(): { fingerprint: string; sources: string[] } {
  // flows.ts holds the version and the fingerprint themselves.
  const sources = files(BOT)
    .filter((path) => !path.endsWith(join("features", "flows.ts")))
    .filter((path) => DRIVES_A_CONVERSATION.test(readFileSync(path, "utf8")))
    .sort();
  const hash = createHash("sha256");
  for (const path of sources) hash.update(relative(BOT, path)).update("\0").update(readFileSync(path)).update("\0");
  return { fingerprint: hash.digest("hex").slice(0, 16), sources: sources.map((path) => relative(BOT, path)) };
}

describe("conversation replay safety", () => {
  it("the flow sources are the ones FLOW_STORAGE_VERSION was set for", () => {
    const { fingerprint, sources } = flowSourcesFingerprint();
    expect(sources.length).toBeGreaterThan(5);
    expect(
      fingerprint,
      `the flow sources changed (${sources.join(", ")}): flows stored by the old code would be replayed on the new ` +
        `code. Bump FLOW_STORAGE_VERSION (now ${FLOW_STORAGE_VERSION}) in src/bot/features/flows.ts and set ` +
        `FLOW_SOURCES_FINGERPRINT beside it to "${fingerprint}".`,
    ).toBe(FLOW_SOURCES_FINGERPRINT);
  });
});
