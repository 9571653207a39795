import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf, stickerMessage } from "./support/owner-chat.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { addIdea } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

const resultIds = (call: RecordedCall) =>
  buttonsOf(call).flatMap((b) => (b.data?.match(/^p:(\d+):open$/) ? [Number(b.data.split(":")[1])] : []));

describe("/find over names and descriptions", () => {
  const session = new BotSession();
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    await session.start();
    ids.lamp = await addIdea(session.chat, "Лампа Светлячок", "Настольная лампа из ОРЕХА и латуни");
    ids.chair = await addIdea(session.chat, "Стул Ёлка", "Массив дуба, без металла");
    ids.hostile = await addIdea(session.chat, `<b>Chair</b> & "co"`, "стальной каркас, держатель для лампы");
  });
  afterAll(() => session.close());

  it("matches Cyrillic names regardless of case and lists names before descriptions", async () => {
    const reply = await session.chat.send("/find ЛАМП");
    expect(reply.payload.text).toContain("Найдено по запросу «ЛАМП»: 2");
    expect(reply.payload.text).toContain("Лампа Светлячок");
    expect(resultIds(reply)).toEqual([ids.lamp, ids.hostile]);
    expect(reply.payload.text).toMatch(/&lt;b&gt;Chair&lt;\/b&gt; &amp; &quot;co&quot; <i>\(в описании\)<\/i>/);
  });

  it("finds by description in another case, and treats ё as е", async () => {
    expect(resultIds(await session.chat.send("/find орех"))).toEqual([ids.lamp]);
    expect(resultIds(await session.chat.send("/find ёлка"))).toEqual([ids.chair]);
    expect(resultIds(await session.chat.send("/find ЕЛКА"))).toEqual([ids.chair]);
    expect(resultIds(await session.chat.send("/find chair"))).toEqual([ids.hostile]);
  });

  it("searches markup literally and shows the query escaped", async () => {
    const reply = await session.chat.send("/find <b>");
    expect(resultIds(reply)).toEqual([ids.hostile]);
    expect(reply.payload.text).toContain("«&lt;b&gt;»");
  });

  it("opens the card from a result button, in place", async () => {
    await session.chat.send("/find светлячок");
    const card = await session.chat.tap(Buttons.project.pack({ id: ids.lamp, action: "open" }));
    expect(card.method).toBe("editMessageText");
    expect(card.payload.text).toContain("<b>Лампа Светлячок</b>");
    expect(buttonsOf(card).map((b) => b.data)).toContain(Buttons.project.pack({ id: ids.lamp, action: "activate" }));
  });

  it("says when nothing matched, with a hint and a new-search button", async () => {
    const reply = await session.chat.send("/find титан");
    expect(reply.payload.text).toContain("ничего не нашлось");
    expect(reply.payload.text).toContain("Подсказка");
    expect(resultIds(reply)).toEqual([]);
    expect(buttonsOf(reply).map((b) => b.data)).toContain(Buttons.find.pack({ action: "again" }));
  });

  it("asks for the text when /find has none, re-asking on a sticker or blanks", async () => {
    expect((await session.chat.send("/find")).payload.text).toContain("Что ищем?");
    expect((await session.chat.push(stickerMessage())).payload.text).toContain("текст");
    expect((await session.chat.send("   ")).payload.text).toContain("Пустой запрос");
    const reply = await session.chat.send("дуб");
    expect(resultIds(reply)).toEqual([ids.chair]);
  });

  it("the new-search button asks again", async () => {
    await session.chat.send("/find титан");
    expect((await session.chat.tap(Buttons.find.pack({ action: "again" }))).payload.text).toContain("Что ищем?");
    expect(resultIds(await session.chat.send("лампа"))).toEqual([ids.lamp]);
  });

  it("refuses a query longer than 200 characters", async () => {
    const reply = await session.chat.send(`/find ${"я".repeat(201)}`);
    expect(reply.payload.text).toContain("длиннее 200 символов (201)");
    expect(resultIds(reply)).toEqual([]);
  });
});
