import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
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

/**
 * A flow source as the replay sees it: its tokens, without comments or layout. A comment, a re-wrapped line or a
 * reworded text (texts live in texts.ts, not in flow sources) leaves it as it was, so a deploy keeps open flows;
 * a changed step, wait point or call changes it.
 */
export function flowStructure(text: string): string {
  const tokens: string[] = [];
  const walk = (node: ts.Node, file: ts.SourceFile) => {
    const children = node.getChildren(file);
    if (children.length === 0) tokens.push(`${node.kind}:${node.getText(file)}`);
    else for (const child of children) walk(child, file);
  };
  const file = ts.createSourceFile("flow.ts", text, ts.ScriptTarget.Latest, true);
  walk(file, file);
  // A trailing comma comes and goes with the line's wrapping: layout too.
  const closing = new Set([
    ts.SyntaxKind.CloseParenToken,
    ts.SyntaxKind.CloseBracketToken,
    ts.SyntaxKind.CloseBraceToken,
  ]);
  const kindOf = (token: string | undefined) => Number(token?.split(":")[0]);
  return tokens
    .filter((token, i) => !(kindOf(token) === ts.SyntaxKind.CommaToken && closing.has(kindOf(tokens[i + 1]))))
    .join("\n");
}

function flowSourcesFingerprint(): { fingerprint: string; sources: string[] } {
  // flows.ts holds the version and the fingerprint themselves.
  const sources = files(BOT)
    .filter((path) => !path.endsWith(join("features", "flows.ts")))
    .filter((path) => DRIVES_A_CONVERSATION.test(readFileSync(path, "utf8")))
    .sort();
  const hash = createHash("sha256");
  for (const path of sources)
    hash
      .update(relative(BOT, path))
      .update("\0")
      .update(flowStructure(readFileSync(path, "utf8")))
      .update("\0");
  return { fingerprint: hash.digest("hex").slice(0, 16), sources: sources.map((path) => relative(BOT, path)) };
}

describe("conversation replay safety", () => {
  it("a flow's structure ignores comments and layout, not its steps", () => {
    const flow = `async function f(conversation) {
  const a = await conversation.wait();
  await a.reply(a.t("ask-name"));
}`;
    const commented = `// Asks for the name.
async function f(conversation) {
  /* the first answer */ const a = await conversation.wait();
  await a.reply(
    a.t("ask-name"), // re-wrapped
  );
}`;
    const extraStep = flow.replace("await a.reply", "await conversation.wait();\n  await a.reply");
    expect(flowStructure(commented)).toBe(flowStructure(flow));
    expect(flowStructure(extraStep)).not.toBe(flowStructure(flow));
    expect(flowStructure(flow.replace("ask-name", "ask-title"))).not.toBe(flowStructure(flow));
  });

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
