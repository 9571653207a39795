/**
 * Telegram's `parse_mode: HTML`, as the Bot API server parses it (tdlib's parse_html): only Telegram's tags,
 * balanced; `<` that does not open a supported tag is an error; `&lt; &gt; &amp; &quot;` and numeric
 * references are decoded, any other `&` stays as typed. Returns the plain text and its entities, or the
 * error text the server answers (`can't parse entities: …`).
 */

export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export type ParsedHtml = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; description: string };

const TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const ENTITY_TYPE: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  u: "underline",
  ins: "underline",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  a: "text_link",
  "tg-emoji": "custom_emoji",
  "tg-time": "date_time",
};

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** Decodes one `&…` at `pos`; returns the character and the position after it, or null (kept literally). */
function decodeEntity(html: string, pos: number): { char: string; end: number } | null {
  let end = pos + 1;
  let code = 0;
  if (html[end] === "#") {
    end++;
    const hex = html[end] === "x";
    if (hex) end++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < html.length && digits.test(html[end])) code = code * (hex ? 16 : 10) + parseInt(html[end++], 16);
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return null;
  } else {
    while (end < html.length && /[a-zA-Z]/.test(html[end])) end++;
    const name = html.slice(pos + 1, end);
    const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };
    if (!(name in named)) return null;
    code = named[name];
  }
  if (html[end] === ";") end++;
  return { char: String.fromCodePoint(code), end };
}

const utf16 = (s: string) => s.length;
const byteOffset = (html: string, index: number) => Buffer.byteLength(html.slice(0, index));

export function parseTelegramHtml(html: string): ParsedHtml {
  let text = "";
  const entities: ParsedEntity[] = [];
  const open: { tag: string; argument: string; offset: number }[] = [];
  const fail = (message: string): ParsedHtml => ({ ok: false, description: `can't parse entities: ${message}` });
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === "&") {
      const decoded = decodeEntity(html, i);
      if (decoded) {
        text += decoded.char;
        i = decoded.end;
        continue;
      }
    }
    if (c !== "<") {
      text += c;
      i++;
      continue;
    }
    const begin = i++;
    const at = byteOffset(html, begin);
    if (html[i] !== "/") {
      while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
      if (i >= html.length) return fail(`Unclosed start tag at byte offset ${at}`);
      const tag = html.slice(begin + 1, i).toLowerCase();
      if (!TAGS.has(tag)) return fail(`Unsupported start tag "${tag}" at byte offset ${at}`);
      let argument = "";
      while (html[i] !== ">") {
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] === ">") break;
        const nameStart = i;
        while (i < html.length && !isSpace(html[i]) && !"=>/\"'".includes(html[i])) i++;
        const name = html.slice(nameStart, i);
        if (!name) return fail(`Empty attribute name in the tag "${tag}" at byte offset ${at}`);
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] !== "=") {
          if (i >= html.length) return fail(`Unclosed start tag "${tag}" at byte offset ${at}`);
          if (tag === "blockquote" && name === "expandable") argument = "1";
          continue;
        }
        i++;
        while (i < html.length && isSpace(html[i])) i++;
        if (i >= html.length) return fail(`Unclosed start tag "${tag}" at byte offset ${at}`);
        let value = "";
        if (html[i] !== "'" && html[i] !== '"') {
          const tokenStart = i;
          while (i < html.length && /[A-Za-z0-9.-]/.test(html[i])) i++;
          value = html.slice(tokenStart, i).toLowerCase();
          if (!isSpace(html[i]) && html[i] !== ">") {
            return fail(`Unexpected end of name token at byte offset ${byteOffset(html, tokenStart)}`);
          }
        } else {
          const quote = html[i++];
          while (i < html.length && html[i] !== quote) {
            const decoded = html[i] === "&" ? decodeEntity(html, i) : null;
            if (decoded) {
              value += decoded.char;
              i = decoded.end;
            } else value += html[i++];
          }
          if (html[i] === quote) i++;
        }
        if (i >= html.length) return fail(`Unclosed start tag at byte offset ${at}`);
        if (tag === "a" && name === "href") argument = value;
        else if (tag === "code" && name === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && name === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && name === "emoji-id") argument = value;
      }
      i++;
      if (tag === "span" && argument !== "spoiler") {
        return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
      }
      open.push({ tag, argument, offset: utf16(text) });
      continue;
    }
    if (open.length === 0) return fail(`Unexpected end tag at byte offset ${at}`);
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    const endTag = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== ">") return fail(`Unclosed end tag at byte offset ${at}`);
    i++;
    const top = open[open.length - 1];
    if (endTag && endTag !== top.tag) {
      return fail(`Unmatched end tag at byte offset ${at}, expected "</${top.tag}>", found "</${endTag}>"`);
    }
    open.pop();
    const length = utf16(text) - top.offset;
    if (length > 0) {
      const entity: ParsedEntity = { type: ENTITY_TYPE[top.tag], offset: top.offset, length };
      if (top.tag === "a") entity.url = top.argument || text.slice(top.offset);
      if (top.tag === "code" && top.argument) entity.language = top.argument;
      entities.push(entity);
    }
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1].tag}"`);
  return { ok: true, text, entities };
}

/** Telegram trims leading and trailing white space of a message text or caption (entities move with it). */
export function trimParsed(parsed: { text: string; entities: ParsedEntity[] }): {
  text: string;
  entities: ParsedEntity[];
} {
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const text = parsed.text.trim();
  const entities = parsed.entities
    .map((e) => ({ ...e, offset: e.offset - lead }))
    .map((e) => ({
      ...e,
      offset: Math.max(0, e.offset),
      length: Math.min(e.length, text.length - Math.max(0, e.offset)),
    }))
    .filter((e) => e.length > 0);
  return { text, entities };
}

/** Characters as Telegram counts a text's length (Unicode code points). */
export const telegramLength = (text: string) => [...text].length;
