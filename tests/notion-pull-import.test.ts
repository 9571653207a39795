import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeNotion, type FakePage } from "./support/fake-notion.ts";
import { createByHand, editByHand } from "./support/fake-notion-hand.ts";
import { buttonsOf, isChatOutput, isButton } from "./support/owner-chat.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { CHANGES, OFFERS, addSyncedIdea, pollsPass, pullEnv, sentWith, textOf } from "./support/notion-pull-helpers.ts";
import { Buttons } from "../src/bot/buttons.ts";

const offerIdOf = (offer: RecordedCall, action: "import" | "ignore", index: number) =>
  buttonsOf(offer).filter((b) => isButton(Buttons.notionOffer, b.data, { action }))[index].data!;

describe("pages made by hand in Notion are offered for import", () => {
  const notion = new FakeNotion();
  let session: BotSession;
  let stool: FakePage;
  let junk: FakePage;
  let offer: RecordedCall;

  beforeAll(async () => {
    await notion.start();
    stool = createByHand(notion, {
      title: "Табурет <из> Notion",
      status: "Active",
      body: ["Дуб, масло", "Высота 45 см"],
    });
    junk = createByHand(notion, { title: "Черновик", status: null });
    session = await new BotSession({ env: pullEnv(notion) }).start();
    offer = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(OFFERS));
  });
  afterAll(async () => {
    await session?.close();
    await notion.close();
  });

  it("offers every unlinked page in one message with an import and an ignore button each", () => {
    expect(textOf(offer)).toContain("• Табурет &lt;из&gt; Notion");
    expect(textOf(offer)).toContain("• Черновик");
    const buttons = buttonsOf(offer);
    expect(buttons.map((b) => b.text)).toEqual([
      "📥 Табурет <из> Notion",
      "🙈 Игнорировать",
      "📥 Черновик",
      "🙈 Игнорировать",
    ]);
    expect(sentWith(session, OFFERS)).toHaveLength(1);
  });

  it("imports a page as an idea linked to it, without creating a second page", async () => {
    const importData = offerIdOf(offer, "import", 0);
    const result = await session.chat.tap(importData, (c) => c.method === "editMessageText");
    expect(textOf(result)).toContain("«Табурет &lt;из&gt; Notion» импортирована как идея");
    expect(textOf(result)).toContain("• Черновик"); // still on offer
    const open = buttonsOf(result).find((b) => isButton(Buttons.project, b.data))!.data!;
    const card = await session.chat.tap(open, (c) => isChatOutput(c) && textOf(c).includes("<b>"));
    expect(textOf(card)).toContain("<b>Табурет &lt;из&gt; Notion</b>");
    expect(textOf(card)).toContain("💡 Идея");
    expect(textOf(card)).toContain("Дуб, масло\nВысота 45 см");
    expect(buttonsOf(card).find((b) => b.url)?.url).toBe(`https://www.notion.so/${stool.id.replace(/-/g, "")}`);
    await pollsPass(notion, 2);
    expect(notion.count("POST /pages")).toBe(0);
    expect(notion.pages).toHaveLength(2);
    expect(stool.status).toBe("Idea"); // the page joined the idea column, its body untouched
    expect(notion.bodyOf(stool)).toBe("Дуб, масло\nВысота 45 см");

    const again = await session.chat.push(
      {
        callback_query: {
          id: "cb-again",
          from: { id: result.payload.chat_id, is_bot: false, first_name: "Owner" },
          chat_instance: "ci",
          data: importData,
          message: session.chat.messageWithButton(offerIdOf(offer, "ignore", 1)),
        },
      },
      (c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === "cb-again",
    );
    expect(again.payload.text).toBe("Это предложение уже обработано.");
    expect(await countProjects(session)).toBe(1);
  });

  it("follows later Notion edits of the imported page", async () => {
    editByHand(notion, stool.id, { title: "Табурет", status: "Archive" });
    const report = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes(CHANGES));
    expect(textOf(report)).toContain("«Табурет &lt;из&gt; Notion» → «Табурет»");
    expect(textOf(report)).toContain("💡 Идея → 🗄 Архив");
  });

  it("does not offer an ignored page again, even after it is edited", async () => {
    const result = await session.chat.tap(offerIdOf(offer, "ignore", 1), (c) => c.method === "editMessageText");
    expect(textOf(result)).toContain("«Черновик» больше не будет предлагаться");
    expect(buttonsOf(result).filter((b) => isButton(Buttons.notionOffer, b.data))).toHaveLength(0);
    editByHand(notion, junk.id, { title: "Черновик 2" });
    createByHand(notion, { title: "Ваза" });
    const next = await session.api.waitForCall(
      (c) => c.method === "sendMessage" && textOf(c).includes(OFFERS) && textOf(c).includes("Ваза"),
    );
    expect(textOf(next)).not.toContain("Черновик");
    await pollsPass(notion, 3);
    expect(sentWith(session, OFFERS)).toHaveLength(2);
  });

  it("never offers the pages the bot creates itself", async () => {
    await addSyncedIdea(session.chat, notion, "Полка", "Фанера");
    await pollsPass(notion, 3);
    expect(sentWith(session, OFFERS).filter((c) => textOf(c).includes("Полка"))).toHaveLength(0);
  });

  it("does not offer again or re-report anything after a restart", async () => {
    const offers = sentWith(session, OFFERS).length;
    const reports = sentWith(session, CHANGES).length;
    await session.crashAndRestart();
    await pollsPass(notion, 3);
    expect(sentWith(session, OFFERS)).toHaveLength(offers);
    expect(sentWith(session, CHANGES)).toHaveLength(reports);
  });
});

async function countProjects(session: BotSession): Promise<number> {
  const list = await session.chat.send(
    "/ideas",
    (c) => isChatOutput(c) && buttonsOf(c).some((b) => isButton(Buttons.project, b.data)),
  );
  return buttonsOf(list).filter((b) => isButton(Buttons.project, b.data)).length;
}
