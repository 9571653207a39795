import type { NotionConfig } from "../../src/services/notion/notion-service.ts";
import type { FakeNotion } from "./fake-notion.ts";

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
