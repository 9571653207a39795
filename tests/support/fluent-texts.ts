import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const FEATURES = join(import.meta.dirname, "..", "..", "src", "bot", "features");

/** One Fluent message as written in a feature's texts.ts: its key, its whole source and where it lives. */
export interface FluentMessage {
  key: string;
  source: string;
  feature: string;
}

/** Every message of one language, in file order (a key written twice appears twice). */
export function fluentMessages(locale: "ru" | "en"): FluentMessage[] {
  const messages: FluentMessage[] = [];
  for (const feature of readdirSync(FEATURES)) {
    const path = join(FEATURES, feature, "texts.ts");
    if (!statSync(join(FEATURES, feature)).isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    const block = new RegExp(`\\b${locale}: \`([\\s\\S]*?)\``).exec(text)?.[1] ?? "";
    for (const line of block.split("\n")) {
      const start = /^([a-z][a-z0-9_-]*) =(.*)$/.exec(line);
      if (start) messages.push({ key: start[1], source: start[2], feature });
      else if (/^\s/.test(line) && messages.length) messages[messages.length - 1].source += `\n${line}`;
    }
  }
  return messages;
}

/** The text the owner can read: markup between <code>…</code> and Fluent's own syntax left out. */
export function readableText(source: string): string {
  return source.replace(/<code>[\s\S]*?<\/code>/g, " ").replace(/\{\s*\$[a-z_]+\s*->/g, " ");
}

/** Placeables `{ $name }` outside any selector (a selector's variants are plural-aware by construction). */
export function bareNumberPlaceables(
  source: string,
  numeric: Set<string>,
): { name: string; before: string; after: string }[] {
  // Drop every selector block `{ $x -> … }` (variants included), then look at what is left.
  let flat = source;
  for (;;) {
    // The selector's variable is kept: "{ $count } { $count -> …}" is a number with its noun chosen by plural.
    const next = flat.replace(/\{\s*\$([a-z_]+)\s*->[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, " SELECTOR:$1 ");
    if (next === flat) break;
    flat = next;
  }
  const found: { name: string; before: string; after: string }[] = [];
  for (const match of flat.matchAll(/\{\s*\$([a-z_]+)\s*\}/g)) {
    if (!numeric.has(match[1])) continue;
    const at = match.index ?? 0;
    found.push({
      name: match[1],
      before: flat.slice(Math.max(0, at - 12), at),
      after: flat.slice(at + match[0].length, at + match[0].length + 40),
    });
  }
  return found;
}

/** A label's width as a phone shows it: graphemes, an emoji counting as two letters. */
export function labelWidth(label: string): number {
  let width = 0;
  for (const { segment } of new Intl.Segmenter("ru", { granularity: "grapheme" }).segment(label))
    width += /\p{Extended_Pictographic}/u.test(segment) ? 2 : 1;
  return width;
}
