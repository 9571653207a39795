import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { FakeNotion } from "../support/fake-notion.ts";
import { createByHand, editByHand } from "../support/fake-notion-hand.ts";
import { buttonsOf, isButton } from "../support/owner-chat.ts";
import {
  CHANGES,
  OFFERS,
  addSyncedIdea,
  pollsPass,
  pullEnv,
  sentWith,
  textOf,
} from "../support/notion-pull-helpers.ts";
import { until } from "../support/until.ts";
import type { RecordedCall } from "../support/fake-bot-api.ts";
import { reliabilityCase } from "./support/case.ts";
import { sqliteRows } from "./support/crash-kit.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "What the outside world sends back";
const notion = new FakeNotion();
let session: BotSession;
/**
 * Half an emoji, what a cut by UTF-16 unit leaves: a lone surrogate, or U+FFFD once the database has stored it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;
/** A title as long as one seen in the field (4 277 characters or more), an emoji (two UTF-16 units) in every four. */
const longTitle = (word: string) => `${word} ${"дуб🪑".repeat(1068)}`;

beforeAll(async () => {
  await notion.start();
  session = await new BotSession({ env: pullEnv(notion) }).start();
}, 60_000);
afterAll(async () => {
  await session?.close();
  await notion.close();
});

/** The call once the fake has answered it (a call is recorded before its refusal is). */
const answered = (call: RecordedCall) => until(() => (call.result !== undefined || call.refused) && call, 10_000);
const projectNames = () =>
  sqliteRows<{ name: string }>(session.databaseUrl, "SELECT name FROM Project").map((r) => r.name);

describe("Notion's texts against Telegram's limits", () => {
  it("a page made by hand with a 4 277-character title: offered, imported with a whole-emoji cut", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "a page created by hand in Notion whose title is 4 277 characters (1 068 of them emoji); the owner imports it",
      checked:
        "the offer reaches Telegram (no refused call) with the title cut by whole characters; the imported idea's name " +
        "is ≤ 200 characters with no half emoji",
    });
    const since = session.api.calls.length;
    const page = createByHand(notion, { title: longTitle("Стул"), status: "Idea" });
    expect([...page.title].length).toBe(4277);
    const offer = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(OFFERS), {
      since,
      timeoutMs: 20_000,
    });
    expect((await answered(offer)).refused).toBeUndefined();
    expect(textOf(offer)).not.toMatch(LONE_SURROGATE);
    const importButton = buttonsOf(offer).find((b) =>
      isButton(Buttons.notionOffer, b.data, { action: "import" }),
    )!.data!;
    await session.chat.tap(importButton, (c) => c.method === "editMessageText");
    const name = await until(() => projectNames().find((n) => n.startsWith("Стул")), 20_000);
    expect([...name].length).toBeLessThanOrEqual(200);
    expect(name).not.toMatch(LONE_SURROGATE);
    done(`offer of ${textOf(offer).length} units delivered; imported name ${[...name].length} characters, whole emoji`);
  }, 60_000);

  it("five long renames in Notion at once: one changes message that fits, names cut whole", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "five synced ideas renamed by hand in Notion within one poll, each to a 4 278-character title",
      checked:
        "one changes message reaches Telegram (no refused call), names in it cut by whole characters; every " +
        "project's new name ≤ 200 characters with no half emoji",
    });
    const ids = [];
    for (let n = 1; n <= 5; n++) ids.push(await addSyncedIdea(session.chat, notion, `Полка ${n}`, "Дуб"));
    await pollsPass(notion, 2);
    const since = session.api.calls.length;
    for (const [n, { pageId }] of ids.entries()) editByHand(notion, pageId, { title: longTitle(`Шкаф${n + 1}`) });
    const changes = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(CHANGES), {
      since,
      timeoutMs: 20_000,
    });
    expect((await answered(changes)).refused).toBeUndefined();
    expect(textOf(changes)).not.toMatch(LONE_SURROGATE);
    const renamed = await until(() => {
      const names = projectNames().filter((n) => n.startsWith("Шкаф"));
      return names.length === 5 && names;
    }, 20_000);
    for (const name of renamed) {
      expect([...name].length).toBeLessThanOrEqual(200);
      expect(name).not.toMatch(LONE_SURROGATE);
    }
    done(
      `one message of ${textOf(changes).length} UTF-16 units, ${textOf(changes).split("\n").length} lines; 5 names cut whole`,
    );
  }, 120_000);

  it("an offer Telegram did not take is offered again at the next poll", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "a page made by hand; the Bot API refuses the offer message once (400)",
      checked: "the page is offered again at a later poll, not lost as “offered”",
    });
    await pollsPass(notion, 2); // the last case's messages are out: the refusal hits the offer
    session.api.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    createByHand(notion, { title: "Комод из Notion", status: "Idea" });
    // The refused send is recorded before its refusal is: wait for a delivered one.
    const offer = await until(
      () => sentWith(session, "Комод из Notion").find((c) => c.refused === undefined && c.result),
      20_000,
    );
    const tries = sentWith(session, "Комод из Notion");
    expect(tries.map((c) => (c.refused ? "refused" : "sent"))).toEqual(["refused", "sent"]);
    done(`refused once, delivered at a later poll (${tries.length} sends), with ${buttonsOf(offer).length} buttons`);
  }, 60_000);
});
