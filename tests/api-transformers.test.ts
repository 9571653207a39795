import { describe, expect, it } from "vitest";
import { htmlByDefault } from "../src/bot/api-transformers.ts";

/** What reaches Telegram after the transformer, for one call. */
async function shaped(method: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  let sent: Record<string, unknown> = {};
  const prev = (async (_method: string, p: Record<string, unknown>) => {
    sent = p;
    return { ok: true, result: true };
  }) as never;
  await (htmlByDefault() as (...args: unknown[]) => Promise<unknown>)(prev, method, payload, undefined);
  return sent;
}

describe("every text and caption is HTML, set once", () => {
  it("formats texts and captions of the methods that carry them", async () => {
    expect(await shaped("sendMessage", { chat_id: 1, text: "<b>x</b>" })).toMatchObject({ parse_mode: "HTML" });
    expect(await shaped("editMessageText", { chat_id: 1, message_id: 2, text: "x" })).toMatchObject({
      parse_mode: "HTML",
    });
    expect(await shaped("sendDocument", { chat_id: 1, document: "f", caption: "x" })).toMatchObject({
      parse_mode: "HTML",
    });
    expect(await shaped("editMessageCaption", { chat_id: 1, message_id: 2, caption: "x" })).toMatchObject({
      parse_mode: "HTML",
    });
  });

  it("formats each caption of an album and of a replaced medium", async () => {
    const album = await shaped("sendMediaGroup", {
      chat_id: 1,
      media: [
        { type: "photo", media: "a", caption: "<i>1</i>" },
        { type: "photo", media: "b" },
      ],
    });
    expect(album.media).toEqual([
      { type: "photo", media: "a", caption: "<i>1</i>", parse_mode: "HTML" },
      { type: "photo", media: "b" },
    ]);
    const replaced = await shaped("editMessageMedia", {
      chat_id: 1,
      media: { type: "photo", media: "a", caption: "x" },
    });
    expect(replaced.media).toMatchObject({ parse_mode: "HTML" });
  });

  it("leaves a call's own parse mode or entities, and calls without text, as they are", async () => {
    expect(await shaped("sendMessage", { chat_id: 1, text: "*x*", parse_mode: "MarkdownV2" })).toMatchObject({
      parse_mode: "MarkdownV2",
    });
    const withEntities = await shaped("sendMessage", { chat_id: 1, text: "x", entities: [] });
    expect(withEntities).not.toHaveProperty("parse_mode");
    expect(await shaped("sendPhoto", { chat_id: 1, photo: "p" })).not.toHaveProperty("parse_mode");
    expect(await shaped("sendChatAction", { chat_id: 1, action: "typing" })).not.toHaveProperty("parse_mode");
    expect(await shaped("answerCallbackQuery", { callback_query_id: "1", text: "x" })).not.toHaveProperty("parse_mode");
  });
});
