import { htmlToPlainText } from "./html.ts";

/** Telegram's limit for a message text, in characters after entity parsing. */
export const TEXT_LIMIT = 4096;

const shownLength = (html: string) => [...htmlToPlainText(html)].length;

/**
 * A list screen that always fits one Telegram message: `head`, then as many `items` as fit, then a line saying
 * how many did not (from `more`), then `tail`. Measured as Telegram measures (text after parsing).
 */
export function fitLines(
  head: string[],
  items: string[],
  more: (hidden: number) => string,
  tail: string[] = [],
  limit = TEXT_LIMIT,
): string {
  const join = (lines: string[]) => lines.join("\n");
  const all = join([...head, ...items, ...tail]);
  if (shownLength(all) <= limit) return all;
  const kept: string[] = [];
  for (const item of items) {
    const hidden = items.length - kept.length - 1;
    const candidate = join([...head, ...kept, item, ...(hidden > 0 ? ["", more(hidden)] : []), ...tail]);
    if (shownLength(candidate) > limit) break;
    kept.push(item);
  }
  return join([...head, ...kept, "", more(items.length - kept.length), ...tail]);
}
