import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { OWNER_ID, type RecordedCall } from "../support/fake-bot-api.ts";
import { addIdea, callback, captionOf } from "../support/owner-chat.ts";
import { reliabilityCase } from "./support/case.ts";
import { Buttons } from "../../src/bot/buttons.ts";

const AREA = "Telegram's contract (strict Bot API)";
const text = (call: RecordedCall) => String(call.payload.text ?? captionOf(call) ?? "");
const answersOf = (calls: RecordedCall[], queryId: string) =>
  calls.filter((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === queryId);

/**
 * The bot's own calls against a Bot API that refuses what Telegram refuses (one answer per callback query,
 * only while fresh; no edit that changes nothing; limits on texts, keyboards, albums and files). The shared
 * strict check fails any case here whose bot made a call the fake refused, unless the case accepts it.
 */
describe("Telegram's contract through the production entry point", () => {
  const session = new BotSession();
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("a project goes idea → active → archived → restored → deleted, every query answered once", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "the whole lifecycle by taps: Activate → Every day, Complete, Restore to idea, Delete → Confirm",
      checked:
        "each step shows its screen; every callback query answered exactly once; no refused call; no 'Bot API call failed' log line",
    });
    const { chat, api } = session;
    const since = api.calls.length;
    const id = await addIdea(chat, 'Лампа <b>&"x"', "Настольная лампа из латуни");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    const ask = await chat.tap(Buttons.project.pack({ id, action: "activate" }));
    expect(text(ask)).toContain("Как часто");
    const active = await chat.tap(Buttons.project.pack({ id, action: "activate", arg: "1" }));
    expect(text(active)).toContain("В работе");
    // What the owner sees (the fake keeps messages as Telegram shows them): the name exactly as typed.
    const shown = api.message(OWNER_ID, Number(active.payload.message_id ?? active.result.message_id));
    expect(shown?.text ?? shown?.caption).toContain('Лампа <b>&"x"');
    const archived = await chat.tap(Buttons.project.pack({ id, action: "complete" }));
    expect(text(archived)).toContain("Архив");
    const restored = await chat.tap(Buttons.project.pack({ id, action: "restore", arg: "idea" }));
    expect(text(restored)).toContain("Идея");
    await chat.tap(Buttons.project.pack({ id, action: "delete" }));
    const deleted = await chat.tap(Buttons.project.pack({ id, action: "confirmdelete" }));
    expect(text(deleted)).toContain("удалён");
    const queries = api.calls
      .slice(since)
      .filter((c) => c.method === "answerCallbackQuery")
      .map((c) => c.payload.callback_query_id);
    const tapped = [...new Set(queries)];
    for (const query of tapped) expect(answersOf(api.calls, query)).toHaveLength(1);
    expect(session.bot.output).not.toContain("Bot API call failed");
    expect(api.refusals()).toHaveLength(0);
    done(`${tapped.length} taps, ${queries.length} answers (one each), 0 refused calls, no failed-call log line`);
  });

  it("two fast taps on an interval button: one transition, each query answered once", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "Activate → 'Every week' tapped twice before the first tap is handled",
      checked: "the project is activated once; both queries get exactly one answer (the second says the card changed)",
    });
    const { chat, api } = session;
    const id = await addIdea(chat, "Кресло", "Кресло-качалка");
    await chat.tap(Buttons.project.pack({ id, action: "open" }));
    await chat.tap(Buttons.project.pack({ id, action: "activate" }));
    const message = chat.messageWithButton(Buttons.project.pack({ id, action: "activate", arg: "7" }));
    const first = callback(Buttons.project.pack({ id, action: "activate", arg: "7" }), message);
    const second = callback(Buttons.project.pack({ id, action: "activate", arg: "7" }), message);
    api.push(first);
    api.push(second);
    await chat.settle();
    // The second tap carries the screen as it was before the first one redrew it.
    api.acceptRefusals((c) => /not modified/.test(c.refused!.description));
    const [a, b] = [first.callback_query.id, second.callback_query.id].map((q) => answersOf(api.calls, q));
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(String(b[0].payload.text ?? a[0].payload.text ?? "")).toContain("изменился");
    done("2 taps → 1 activation, answers per query: 1 and 1");
  });

  it("the Skip buttons of /new are answered once, inside the conversation", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "/new → name → description → 'Skip' on the photo step (a button a conversation handles)",
      checked:
        "the idea is saved and the Skip query has exactly one answer (the conversation's; the catch-all sees it)",
    });
    const { chat, api } = session;
    await chat.send("/new");
    await chat.send("Полка");
    await chat.send("Настенная полка");
    const message = chat.messageWithButton(Buttons.flow.pack({ action: "skip" }));
    const tap = callback(Buttons.flow.pack({ action: "skip" }), message);
    const saved = await chat.push(tap, (c) => c.method === "sendMessage" && text(c).startsWith("✅"));
    expect(text(saved)).toContain("Полка");
    expect(answersOf(api.calls, tap.callback_query.id)).toHaveLength(1);
    done("1 answer for the Skip query; idea saved");
  });

  it("an answer Telegram refuses as too late does not cost the owner the screen", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "callback queries expire at once (lifetime 0 ms), so every answerCallbackQuery is refused as 'query is too old'",
      checked:
        "tapping Open still shows the card; the refused answer is logged, not retried, and the update does not fail",
    });
    const { chat, api } = session;
    const id = await addIdea(chat, "Стол", "Обеденный стол");
    api.callbackQueryLifetimeMs = 0;
    try {
      const card = await chat.tap(Buttons.project.pack({ id, action: "open" }));
      expect(text(card)).toContain("Стол");
      await chat.settle();
      const refused = api.acceptRefusals((c) => c.method === "answerCallbackQuery");
      expect(refused).toHaveLength(1);
      expect(session.bot.output).not.toMatch(/"msg":"update failed"/);
      done(`card shown; ${refused.length} refused answer (logged), 0 failed updates`);
    } finally {
      api.callbackQueryLifetimeMs = 15_000;
    }
  });

  it("a failure after the query was answered reaches the owner as a message", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "Open on a card: editMessageText is refused with 403 (an error auto-retry does not retry), after the answer went out",
      checked: "the query keeps its single answer; the apology goes out as a chat message instead of a second answer",
    });
    const { chat, api } = session;
    const id = await addIdea(chat, "Ваза", "Ваза из стекла");
    const message = chat.messageWithButton(Buttons.project.pack({ id, action: "open" }));
    api.failNext("editMessageText", { error_code: 403, description: "Forbidden: bot can't edit this message" });
    const tap = callback(Buttons.project.pack({ id, action: "open" }), message);
    const since = api.calls.length;
    api.push(tap);
    const apology = await api.waitForCall(
      (c) => c.method === "sendMessage" && text(c).includes("Что-то пошло не так"),
      { since },
    );
    await chat.settle();
    expect(Number(apology.payload.chat_id)).toBe(OWNER_ID);
    expect(answersOf(api.calls, tap.callback_query.id)).toHaveLength(1);
    done("1 answer, apology delivered as a message");
  });
});
