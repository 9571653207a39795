import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { editByHand } from "./support/fake-notion-hand.ts";
import { CHANGES, addSyncedIdea, pollsPass, pullEnv, sentWith, textOf } from "./support/notion-pull-helpers.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { until } from "./support/until.ts";
import { Buttons } from "../src/bot/buttons.ts";
import { dayIn } from "./support/zones.ts";

const ZONE = "Asia/Vladivostok"; // UTC+10 all year
const dayFromToday = (offset: number) => dayIn(ZONE, offset);
const numeric = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

describe("deadlines mirrored both ways with Notion's Date property", () => {
  const notion = new FakeNotion({ schema: { deadlineProperty: "Срок" } });
  let session: BotSession;
  let stool: { id: number; pageId: string };
  const stored = () =>
    sqliteRows<{ deadlineDate: string | null; deadlineTime: string | null }>(
      session.databaseUrl,
      "SELECT deadlineDate, deadlineTime FROM Project WHERE id = ?",
      stool.id,
    )[0];
  const page = () => notion.pages.find((p) => p.id === stool.pageId)!;

  beforeAll(async () => {
    await notion.start();
    const env = pullEnv(notion, { NOTION_DEADLINE_PROPERTY_NAME: "Срок", BOT_TIMEZONE: ZONE });
    session = await new BotSession({ env }).start();
    stool = await addSyncedIdea(session.chat, notion, "Табурет", "Ясень");
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  it("a deadline set in the bot reaches the page: a day as a date, a time in the owner's zone", async () => {
    await session.chat.tap(Buttons.project.pack({ id: stool.id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: stool.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: stool.id, action: "deadline" }));
    await session.chat.send("завтра 18:00");
    await until(() => page().deadline?.start === `${dayFromToday(1)}T18:00:00.000+10:00`, 15_000);

    await session.chat.tap(Buttons.project.pack({ id: stool.id, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: stool.id, action: "deadline" }));
    await session.chat.tap(Buttons.deadline.pack({ pick: "week" }));
    await until(() => page().deadline?.start === dayFromToday(7), 15_000);
    await pollsPass(notion, 2);
    // The bot's own writes are not reported back as edits made in Notion.
    expect(sentWith(session, CHANGES)).toHaveLength(0);
  });

  it("a date changed in Notion flows back (the newer edit wins) and the owner is told once", async () => {
    const target = dayFromToday(20);
    editByHand(notion, stool.pageId, {});
    page().deadline = { start: target };
    const report = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(CHANGES));
    expect(textOf(report)).toContain(`«Табурет»: срок ${numeric(target)}`);
    expect(stored()).toEqual({ deadlineDate: target, deadlineTime: null });

    // A moment set in Notion in another zone is the owner's day and time: 23:30 UTC is 09:30 next day in Vladivostok.
    editByHand(notion, stool.pageId, {});
    page().deadline = { start: `${dayFromToday(25)}T23:30:00.000+00:00` };
    await until(() => stored().deadlineDate === dayFromToday(26), 15_000);
    expect(stored()).toEqual({ deadlineDate: dayFromToday(26), deadlineTime: "09:30" });

    editByHand(notion, stool.pageId, {});
    page().deadline = null;
    await until(() => stored().deadlineDate === null, 15_000);
    await until(() => sentWith(session, "срок убран").length === 1, 15_000);
    await pollsPass(notion, 2);
    expect(sentWith(session, CHANGES)).toHaveLength(3);
  });
});
