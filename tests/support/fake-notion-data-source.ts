import type { FakeImage } from "./fake-notion-files.ts";
import { dateJson, readDateValue, type FakeDate } from "./fake-notion-date.ts";
import { compareDate, invalid, minuteFloor, richTextJson, textOf, type Json } from "./fake-notion-shapes.ts";

/**
 * The fake Notion's data source: its schema, page properties written and read under it, and query filters and sorts.
 */

export interface FakeSchema {
  titleProperty: string;
  statusProperty: string;
  statusType: "select" | "status";
  statusOptions: string[];
  /** A Date property (the deadline), when the test gives the database one. */
  deadlineProperty?: string;
  /** Its type in the schema (a test can make it the wrong one). */
  deadlineType?: string;
}

export interface FakePage {
  id: string;
  dataSourceId: string;
  createdTime: string;
  /** Exact time (ms) of the last edit; the API reports it rounded down to the minute like Notion. */
  lastEditedAt: number;
  title: string;
  status: string | null;
  deadline?: FakeDate | null;
  /** Paragraphs (text) and images (text "", `image` set) in page order. */
  blocks: { id: string; text: string; image?: FakeImage }[];
  inTrash: boolean;
}

export function dataSourceJson(id: string, schema: FakeSchema): Json {
  const { titleProperty, statusProperty, statusType, statusOptions } = schema;
  const options = statusOptions.map((name, i) => ({ id: `opt${i}`, name, color: "default", description: null }));
  const statusConfig = statusType === "status" ? { status: { options, groups: [] } } : { select: { options } };
  return {
    object: "data_source",
    id,
    properties: {
      [titleProperty]: { id: "title", name: titleProperty, type: "title", title: {} },
      [statusProperty]: { id: "st", name: statusProperty, type: statusType, ...statusConfig },
      Notes: { id: "nt", name: "Notes", type: "rich_text", rich_text: {} },
      ...(schema.deadlineProperty
        ? {
            [schema.deadlineProperty]: {
              id: "dl",
              name: schema.deadlineProperty,
              type: schema.deadlineType ?? "date",
              [schema.deadlineType ?? "date"]: {},
            },
          }
        : {}),
    },
  };
}

/**
 * Writes the properties of a create or update request to the page (select options are created on write, like Notion).
 */
export function applyProperties(page: FakePage, schema: FakeSchema, properties: Json): void {
  const { titleProperty, statusProperty, statusType, statusOptions } = schema;
  for (const [name, value] of Object.entries<Json>(properties)) {
    if (name === titleProperty) {
      if (!Array.isArray(value.title)) throw invalid(`${name} is expected to be title.`);
      page.title = textOf(value.title, `body.properties.${name}.title`);
    } else if (name === statusProperty) {
      const option = value[statusType]?.name;
      if (typeof option !== "string") throw invalid(`${name} is expected to be ${statusType}.`);
      if (!statusOptions.includes(option)) {
        if (statusType === "status") throw invalid(`Invalid status option. Status option "${option}" does not exist".`);
        statusOptions.push(option);
      }
      page.status = option;
    } else if (name === schema.deadlineProperty) {
      if ((schema.deadlineType ?? "date") !== "date")
        throw invalid(`${name} is expected to be ${schema.deadlineType}.`);
      page.deadline = readDateValue(name, value);
    } else if (name !== "Notes") {
      throw invalid(`${name} is not a property that exists.`);
    }
  }
}

export function propertiesJson(page: FakePage, schema: FakeSchema): Json {
  const { titleProperty, statusProperty, statusType } = schema;
  const status = page.status === null ? null : { id: "opt", name: page.status, color: "default" };
  return {
    [titleProperty]: { id: "title", type: "title", title: [richTextJson(page.title)] },
    [statusProperty]: { id: "st", type: statusType, [statusType]: status },
    ...(schema.deadlineProperty ? { [schema.deadlineProperty]: dateJson(page.deadline ?? null) } : {}),
  };
}

/**
 * The pages of data source `id` that a query body selects (in_trash, filter), in its sort order; `pages` in creation
 * order.
 */
export function queryPages(pages: FakePage[], id: string, schema: FakeSchema, body: Json): FakePage[] {
  return pages
    .filter((p) => p.dataSourceId === id && p.inTrash === Boolean(body.in_trash))
    .filter((p) => !body.filter || matches(p, schema, body.filter))
    .sort((a, b) => compare(pages, a, b, body.sorts ?? []));
}

function matches(page: FakePage, schema: FakeSchema, filter: Json): boolean {
  if (filter.and) return filter.and.every((f: Json) => matches(page, schema, f));
  if (filter.or) return filter.or.some((f: Json) => matches(page, schema, f));
  if (filter.timestamp === "created_time") return compareDate(page.createdTime, filter.created_time);
  if (filter.timestamp === "last_edited_time")
    return compareDate(minuteFloor(new Date(page.lastEditedAt)), filter.last_edited_time);
  if (filter.property === schema.titleProperty && filter.title?.equals !== undefined)
    return page.title === filter.title.equals;
  throw invalid(`Could not find property with name or id: ${filter.property ?? JSON.stringify(filter)}`);
}

function compare(pages: FakePage[], a: FakePage, b: FakePage, sorts: Json[]): number {
  for (const sort of sorts) {
    if (sort.timestamp !== "created_time" && sort.timestamp !== "last_edited_time")
      throw invalid(`unsupported sort ${JSON.stringify(sort)}`);
    // Both times have minute precision; insertion order breaks ties like Notion's creation order.
    const key = (p: FakePage) =>
      sort.timestamp === "created_time" ? p.createdTime : minuteFloor(new Date(p.lastEditedAt));
    const diff = key(a).localeCompare(key(b)) || pages.indexOf(a) - pages.indexOf(b);
    if (diff !== 0) return sort.direction === "descending" ? -diff : diff;
  }
  return 0;
}
