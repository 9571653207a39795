import type { FakeNotion } from "./fake-notion.ts";
import type { RecordedCall } from "./fake-bot-api.ts";
import { buttonsOf, type OwnerChat, isButton } from "./owner-chat.ts";
import type { BotSession } from "./session.ts";
import { until } from "./until.ts";
import { Buttons } from "../../src/bot/buttons.ts";

/** Env for a bot mirroring to the fake Notion and pulling from it every second. */
export function pullEnv(notion: FakeNotion, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NOTION_API_KEY: notion.apiKey,
    NOTION_DB_ID: notion.databaseId,
    NOTION_BASE_URL: notion.baseUrl,
    NOTION_STATUS_VALUES: "Idea,Active,Archive",
    NOTION_POLL_SECONDS: "1",
    ...extra,
  };
}

/** Waits until the bot has queried the data source `n` more times (n full polls started after now). */
export async function pollsPass(notion: FakeNotion, n: number): Promise<void> {
  const target = notion.queries.length + n;
  await until(() => notion.queries.length >= target, 20_000);
}

/** Adds an idea through /new and resolves with its project id once its Notion page exists. */
export async function addSyncedIdea(
  chat: OwnerChat,
  notion: FakeNotion,
  name: string,
  description: string,
): Promise<{ id: number; pageId: string }> {
  await chat.send("/new");
  await chat.send(name);
  await chat.send(description);
  const saved = await chat.tap(
    Buttons.flow.pack({ action: "skip" }),
    (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
  );
  const id = Number(
    buttonsOf(saved)
      .find((b) => isButton(Buttons.project, b.data))!
      .data!.split(":")[1],
  );
  const page = await until(() => notion.livePages().find((p) => p.title === name));
  return { id, pageId: page.id };
}

export const textOf = (call: RecordedCall) => String(call.payload.text ?? call.payload.caption ?? "");

/** Messages the bot sent on its own (not as an edit) whose text contains `marker`. */
export function sentWith(session: BotSession, marker: string): RecordedCall[] {
  return session.api.callsOf("sendMessage").filter((c) => textOf(c).includes(marker));
}

export const CHANGES = "Изменения из Notion";
export const OFFERS = "Новые страницы в Notion";
