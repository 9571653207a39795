/**
 * Cuts text for display by user-perceived characters (grapheme clusters), never inside an emoji or a
 * letter with its combining marks: a cut made in UTF-16 units leaves a lone surrogate, which Telegram shows
 * as a broken glyph. `max` counts graphemes, the ellipsis included.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

export function cutText(text: string, max: number, ellipsis = "…"): string {
  const parts = graphemes(text);
  if (parts.length <= max) return text;
  return `${parts
    .slice(0, Math.max(0, max - graphemes(ellipsis).length))
    .join("")
    .trimEnd()}${ellipsis}`;
}

/** Cuts at a grapheme boundary so that `size` of the result, the ellipsis included, stays within `max`. */
function cutWithin(text: string, max: number, size: (text: string) => number, ellipsis: string): string {
  if (size(text) <= max) return text;
  let kept = "";
  let used = size(ellipsis);
  for (const part of graphemes(text)) {
    used += size(part);
    if (used > max) break;
    kept += part;
  }
  return `${kept.trimEnd()}${ellipsis}`;
}

/** Like cutText, but the result's UTF-16 length stays within `maxUnits` (room left in a Telegram text or caption). */
export const cutToUnits = (text: string, maxUnits: number, ellipsis = "…") =>
  cutWithin(text, maxUnits, (part) => part.length, ellipsis);

/** Like cutText, but within `max` code points: the unit of the name and description limits. */
export const cutToCodePoints = (text: string, max: number, ellipsis = "…") =>
  cutWithin(text, max, (part) => [...part].length, ellipsis);

/**
 * A file name within `maxBytes` of UTF-8 (Linux and most file systems allow 255 bytes a name): the stem is cut by
 * grapheme, the extension (up to 16 characters) kept, so the file still opens with the right program.
 */
export function fitFileName(name: string, maxBytes = 255): string {
  const encoder = new TextEncoder();
  const bytes = (text: string) => encoder.encode(text).length;
  if (bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  const stem = extension ? name.slice(0, dot) : name;
  return `${cutWithin(stem, maxBytes - bytes(extension), bytes, "")}${extension}`;
}
