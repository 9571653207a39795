/** Notion's JSON shapes and error bodies for the fake API (see fake-notion.ts). */
export type Json = Record<string, any>;

export class FakeError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const invalid = (message: string) => new FakeError(400, "validation_error", message);
export const notFound = (kind: string, id: string) =>
  new FakeError(
    404,
    "object_not_found",
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );

export function textOf(items: Json[], path: string): string {
  if (items.length > 100) throw invalid(`${path}.length should be ≤ \`100\`, instead was \`${items.length}\`.`);
  return items
    .map((item, i) => {
      const content = item.text?.content;
      if (item.type !== "text" || typeof content !== "string") throw invalid(`${path}[${i}].text should be defined`);
      if (content.length > 2000)
        throw invalid(`${path}[${i}].text.content.length should be ≤ \`2000\`, instead was \`${content.length}\`.`);
      return content;
    })
    .join("");
}

export function richTextJson(content: string): Json {
  const annotations = {
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    code: false,
    color: "default",
  };
  return { type: "text", text: { content, link: null }, annotations, plain_text: content, href: null };
}

export function paragraphJson(block: { id: string; text: string }, pageId: string): Json {
  const richText = block.text === "" ? [] : [richTextJson(block.text)];
  return {
    object: "block",
    id: block.id,
    parent: { type: "page_id", page_id: pageId },
    type: "paragraph",
    has_children: false,
    in_trash: false,
    paragraph: { rich_text: richText, color: "default" },
  };
}

export function paginate(
  items: Json[],
  cursor: string | null | undefined,
  pageSize = 100,
  extra: Json = { type: "page_or_data_source", page_or_data_source: {} },
): Json {
  const start = cursor ? Number(cursor) : 0;
  const end = start + Math.min(pageSize || 100, 100);
  return {
    object: "list",
    results: items.slice(start, end),
    has_more: end < items.length,
    next_cursor: end < items.length ? String(end) : null,
    ...extra,
  };
}

export function compareDate(value: string, condition: Json): boolean {
  const t = Date.parse(value);
  if (condition.on_or_after) return t >= Date.parse(condition.on_or_after);
  if (condition.after) return t > Date.parse(condition.after);
  if (condition.on_or_before) return t <= Date.parse(condition.on_or_before);
  if (condition.before) return t < Date.parse(condition.before);
  throw invalid(`unsupported created_time filter ${JSON.stringify(condition)}`);
}

/** Notion reports created_time rounded down to the minute. */
export function minuteFloor(date: Date): string {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString();
}

export function faultError(fault: { status: number; code: string; message?: string }): FakeError {
  return new FakeError(fault.status, fault.code, fault.message ?? `Injected ${fault.status} ${fault.code}`);
}
