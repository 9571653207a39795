import type { FakeNotion } from "./fake-notion.ts";
import type { NotionConfig } from "../../src/services/notion/notion-connection.ts";

/** NotionService settings for a fake Notion with the default schema (Name; Status: Idea, Active, Archived). */
export function notionConfigFor(notion: FakeNotion, overrides: Partial<NotionConfig> = {}): NotionConfig {
  return {
    apiKey: notion.apiKey,
    databaseId: notion.databaseId,
    titleProperty: "Name",
    statusProperty: "Status",
    statusValues: { idea: "Idea", active: "Active", archived: "Archived" },
    baseUrl: notion.baseUrl,
    ...overrides,
  };
}
