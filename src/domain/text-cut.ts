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

/** Like cutText, but the result's UTF-16 length stays within `maxUnits` (room left in a Telegram text or caption). */
export function cutToUnits(text: string, maxUnits: number, ellipsis = "…"): string {
  if (text.length <= maxUnits) return text;
  let kept = "";
  for (const part of graphemes(text)) {
    if (kept.length + part.length + ellipsis.length > maxUnits) break;
    kept += part;
  }
  return `${kept.trimEnd()}${ellipsis}`;
}
