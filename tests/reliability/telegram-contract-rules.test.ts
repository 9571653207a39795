import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { Api, GrammyError, InputFile } from "grammy";
import { FakeBotApi, OWNER_ID } from "../support/fake-bot-api.ts";
import { callback, textMessage } from "../support/owner-chat.ts";
import { parseTelegramHtml } from "../support/telegram-html.ts";
import { reliabilityCase } from "./support/case.ts";

const AREA = "Telegram's contract: what the test Bot API refuses";

/** One rule of Telegram's, as a case of docs/RELIABILITY.md: the observed line is written only once it held. */
function rule(name: string, body: () => Promise<void> | void) {
  it(name, async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: `through grammY's own client over HTTP: ${name}`,
      checked:
        "Telegram's error_code and description for the call Telegram refuses; the valid neighbouring call accepted",
    });
    await body();
    done("refused with Telegram's own text; the valid call accepted");
  });
}

/**
 * The fake Bot API refuses what Telegram refuses, with Telegram's error codes and texts. One test per rule, through
 * grammY's own client over HTTP, so the fake cannot quietly become lenient again.
 */
let api: FakeBotApi;
let client: Api;

beforeAll(async () => {
  api = await new FakeBotApi().start();
  client = new Api(api.token, { apiRoot: api.apiRoot });
});
afterAll(() => api.close());
// Every refusal here is provoked on purpose and asserted on.
afterEach(() => void api.acceptRefusals());

async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
    throw error;
  }
  throw new Error("the fake accepted a call Telegram refuses");
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#888" } })
    .png()
    .toBuffer();

function tapped(messageId: number) {
  const update = callback("x", api.message(OWNER_ID, messageId)!);
  api.push(update);
  return update.callback_query.id;
}

describe("callback queries", () => {
  rule("answers a query once; a second answer is refused", async () => {
    const sent = await client.sendMessage(OWNER_ID, "hi", {
      reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "x" }]] },
    });
    const id = tapped(sent.message_id);
    await client.answerCallbackQuery(id);
    expect(await refusal(client.answerCallbackQuery(id))).toBe(
      "400 Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
  });

  rule("refuses an answer after the query's lifetime and an unknown query id", async () => {
    const sent = await client.sendMessage(OWNER_ID, "late");
    api.callbackQueryLifetimeMs = 50;
    const id = tapped(sent.message_id);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await refusal(client.answerCallbackQuery(id))).toMatch(/query is too old/);
    api.callbackQueryLifetimeMs = 15_000;
    expect(await refusal(client.answerCallbackQuery("never-sent"))).toMatch(/query is too old/);
  });

  rule("refuses an answer text over 200 characters", async () => {
    const sent = await client.sendMessage(OWNER_ID, "long answer");
    const id = tapped(sent.message_id);
    expect(await refusal(client.answerCallbackQuery(id, { text: "я".repeat(201) }))).toBe(
      "400 Bad Request: MESSAGE_TOO_LONG",
    );
    await client.answerCallbackQuery(id, { text: "я".repeat(200) });
  });
});

describe("edits and deletes", () => {
  rule("refuses an edit that changes nothing, text and keyboard alike", async () => {
    const markup = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const sent = await client.sendMessage(OWNER_ID, "<b>same</b>", { parse_mode: "HTML", reply_markup: markup });
    expect(
      await refusal(
        client.editMessageText(OWNER_ID, sent.message_id, "<b>same</b>", { parse_mode: "HTML", reply_markup: markup }),
      ),
    ).toBe(
      "400 Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    expect(await refusal(client.editMessageReplyMarkup(OWNER_ID, sent.message_id, { reply_markup: markup }))).toMatch(
      /message is not modified/,
    );
    await client.editMessageText(OWNER_ID, sent.message_id, "<i>same</i>", {
      parse_mode: "HTML",
      reply_markup: markup,
    });
  });

  rule("refuses editing or deleting a message that does not exist, and editing the user's own message", async () => {
    expect(await refusal(client.editMessageText(OWNER_ID, 424_242, "x"))).toBe(
      "400 Bad Request: message to edit not found",
    );
    expect(await refusal(client.deleteMessage(OWNER_ID, 424_242))).toBe("400 Bad Request: message to delete not found");
    const mine = textMessage("my words");
    api.push(mine);
    expect(await refusal(client.editMessageText(OWNER_ID, mine.message.message_id, "x"))).toBe(
      "400 Bad Request: message can't be edited",
    );
    const sent = await client.sendMessage(OWNER_ID, "gone soon");
    await client.deleteMessage(OWNER_ID, sent.message_id);
    expect(await refusal(client.editMessageText(OWNER_ID, sent.message_id, "x"))).toBe(
      "400 Bad Request: message to edit not found",
    );
  });

  rule(
    "refuses the text of a photo message, the caption of a text message and the media of a text message",
    async () => {
      const photo = await client.sendPhoto(OWNER_ID, new InputFile(await png(40, 30), "p.png"), { caption: "c" });
      expect(await refusal(client.editMessageText(OWNER_ID, photo.message_id, "x"))).toBe(
        "400 Bad Request: there is no text in the message to edit",
      );
      const text = await client.sendMessage(OWNER_ID, "t");
      expect(await refusal(client.editMessageCaption(OWNER_ID, text.message_id, { caption: "x" }))).toBe(
        "400 Bad Request: there is no caption in the message to edit",
      );
      expect(
        await refusal(
          client.editMessageMedia(OWNER_ID, text.message_id, { type: "photo", media: photo.photo[0].file_id }),
        ),
      ).toBe("400 Bad Request: message media can't be edited");
      expect(
        await refusal(
          client.editMessageMedia(OWNER_ID, photo.message_id, {
            type: "photo",
            media: photo.photo[0].file_id,
            caption: "c",
          }),
        ),
      ).toMatch(/message is not modified/);
    },
  );
});

describe("texts, captions and keyboards", () => {
  rule("takes 1–4096 characters after entity parsing", async () => {
    expect(await refusal(client.sendMessage(OWNER_ID, ""))).toBe("400 Bad Request: message text is empty");
    expect(await refusal(client.sendMessage(OWNER_ID, "<b> </b>", { parse_mode: "HTML" }))).toBe(
      "400 Bad Request: text must be non-empty",
    );
    expect(await refusal(client.sendMessage(OWNER_ID, "я".repeat(4097)))).toBe("400 Bad Request: message is too long");
    await client.sendMessage(OWNER_ID, `<b>${"я".repeat(4096)}</b>`, { parse_mode: "HTML" });
    await client.sendMessage(OWNER_ID, "😀".repeat(4096));
  });

  rule("takes captions up to 1024 characters", async () => {
    const photo = await png(20, 20);
    expect(await refusal(client.sendPhoto(OWNER_ID, new InputFile(photo), { caption: "x".repeat(1025) }))).toBe(
      "400 Bad Request: message caption is too long",
    );
    await client.sendPhoto(OWNER_ID, new InputFile(photo), {
      caption: `<i>${"x".repeat(1024)}</i>`,
      parse_mode: "HTML",
    });
  });

  rule("parses HTML by Telegram's rules", async () => {
    const send = (html: string) => refusal(client.sendMessage(OWNER_ID, html, { parse_mode: "HTML" }));
    expect(await send("a <div>b</div>")).toBe(
      '400 Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 2',
    );
    expect(await send("<b>bold")).toBe(
      "400 Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    expect(await send("x</b>")).toBe("400 Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    expect(await send("<b><i>x</b></i>")).toMatch(
      /Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/,
    );
    expect(await send('Имя <b>&"x"')).toBe(
      "400 Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    expect(await send("1 < 2")).toBe(
      '400 Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    );
    const ok = await client.sendMessage(
      OWNER_ID,
      '&lt;b&gt;&amp;"x" &copy; <a href="https://x.y">l</a> <tg-spoiler>s</tg-spoiler>',
      { parse_mode: "HTML" },
    );
    expect(ok.text).toBe('<b>&"x" &copy; l s');
  });

  rule("takes callback data of 1–64 bytes and non-empty button texts", async () => {
    const keyboard = (text: string, data: string) => ({
      reply_markup: { inline_keyboard: [[{ text, callback_data: data }]] },
    });
    expect(await refusal(client.sendMessage(OWNER_ID, "k", keyboard("b", "я".repeat(33))))).toBe(
      "400 Bad Request: BUTTON_DATA_INVALID",
    );
    expect(await refusal(client.sendMessage(OWNER_ID, "k", keyboard("b", "")))).toBe(
      "400 Bad Request: BUTTON_DATA_INVALID",
    );
    expect(await refusal(client.sendMessage(OWNER_ID, "k", keyboard("", "d")))).toBe(
      "400 Bad Request: inline keyboard button text must be non-empty",
    );
    await client.sendMessage(OWNER_ID, "k", keyboard("b", "я".repeat(32)));
  });

  rule("refuses a reply to a message that does not exist unless allowed without it", async () => {
    expect(await refusal(client.sendMessage(OWNER_ID, "r", { reply_parameters: { message_id: 777_777 } }))).toBe(
      "400 Bad Request: message to be replied not found",
    );
    await client.sendMessage(OWNER_ID, "r", {
      reply_parameters: { message_id: 777_777, allow_sending_without_reply: true },
    });
    const sent = await client.sendMessage(OWNER_ID, "target");
    await client.sendMessage(OWNER_ID, "r", { reply_parameters: { message_id: sent.message_id } });
  });

  rule("limits bot commands: at most 100, names [a-z0-9_]{1,32}, descriptions 1–256", async () => {
    const command = (name: string, description = "d") => ({ command: name, description });
    expect(await refusal(client.setMyCommands([command("Bad-Name")]))).toBe("400 Bad Request: BOT_COMMAND_INVALID");
    expect(await refusal(client.setMyCommands([command("x".repeat(33))]))).toBe("400 Bad Request: BOT_COMMAND_INVALID");
    expect(await refusal(client.setMyCommands([command("ok", "")]))).toBe(
      "400 Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    );
    expect(await refusal(client.setMyCommands([command("ok", "d".repeat(257))]))).toBe(
      "400 Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    );
    expect(await refusal(client.setMyCommands(Array.from({ length: 101 }, (_, i) => command(`c${i}`))))).toBe(
      "400 Bad Request: BOT_COMMANDS_TOO_MUCH",
    );
    await client.setMyCommands(Array.from({ length: 100 }, (_, i) => command(`c${i}`)));
  });
});

describe("media and files", () => {
  rule("sends albums of 2–10 items, documents not mixed with photos", async () => {
    const photo = await client.sendPhoto(OWNER_ID, new InputFile(await png(30, 30)));
    const id = photo.photo[0].file_id;
    const photos = (n: number) => Array.from({ length: n }, () => ({ type: "photo" as const, media: id }));
    expect(await refusal(client.sendMediaGroup(OWNER_ID, photos(1)))).toMatch(
      /^400 Bad Request: media group must include 2-10 items/,
    );
    expect(await refusal(client.sendMediaGroup(OWNER_ID, photos(11)))).toBe(
      "400 Bad Request: too many messages to send as an album",
    );
    const doc = await client.sendDocument(OWNER_ID, new InputFile(Buffer.from("%PDF-1.4"), "a.pdf"));
    const mixed = [...photos(1), { type: "document" as const, media: doc.document.file_id }];
    expect(await refusal(client.sendMediaGroup(OWNER_ID, mixed as never))).toBe(
      "400 Bad Request: document can't be mixed with other media types",
    );
    expect(await client.sendMediaGroup(OWNER_ID, photos(10))).toHaveLength(10);
  });

  rule("takes photos up to 10 MB with width + height ≤ 10000 and a side ratio ≤ 20", async () => {
    expect(await refusal(client.sendPhoto(OWNER_ID, new InputFile(await png(6000, 4001))))).toBe(
      "400 Bad Request: PHOTO_INVALID_DIMENSIONS",
    );
    expect(await refusal(client.sendPhoto(OWNER_ID, new InputFile(await png(2100, 100))))).toBe(
      "400 Bad Request: PHOTO_INVALID_DIMENSIONS",
    );
    const noisy = await sharp(
      Buffer.alloc(2000 * 2000 * 3).map(() => Math.random() * 256),
      { raw: { width: 2000, height: 2000, channels: 3 } },
    )
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(await refusal(client.sendPhoto(OWNER_ID, new InputFile(noisy)))).toBe(
      "400 Bad Request: PHOTO_SAVE_FILE_INVALID",
    );
    await client.sendPhoto(OWNER_ID, new InputFile(await png(5000, 5000)));
    await client.sendDocument(OWNER_ID, new InputFile(noisy, "big.png"));
  });

  rule("refuses uploads over 50 MB and unknown file ids", async () => {
    expect(
      await refusal(client.sendDocument(OWNER_ID, new InputFile(Buffer.alloc(50 * 1024 * 1024 + 1), "huge.bin"))),
    ).toBe("413 Request Entity Too Large");
    expect(await refusal(client.sendPhoto(OWNER_ID, "no-such-file"))).toBe(
      "400 Bad Request: wrong file identifier/HTTP URL specified",
    );
  });

  rule("serves getFile only for files up to 20 MB", async () => {
    api.addFile("small", Buffer.alloc(1024));
    api.addFile("big", Buffer.alloc(20 * 1024 * 1024 + 1));
    expect((await client.getFile("small")).file_path).toBe("files/small");
    expect(await refusal(client.getFile("big"))).toBe("400 Bad Request: file is too big");
    expect(await refusal(client.getFile("unknown"))).toBe(
      "400 Bad Request: wrong file_id or the file is temporarily unavailable",
    );
  });
});

describe("the strict check", () => {
  rule("reports the bot's refused calls and not the injected ones", async () => {
    api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    await refusal(client.sendMessage(OWNER_ID, "injected"));
    await refusal(client.sendMessage(OWNER_ID, ""));
    const unexpected = api.takeUnexpectedRefusals();
    expect(unexpected.map((c) => c.refused!.description)).toEqual(["Bad Request: message text is empty"]);
  });

  rule("parses text the way the server does (decoded entities, UTF-16 offsets)", () => {
    const parsed = parseTelegramHtml("😀 <b>жирный</b> &amp; <i>x</i>");
    expect(parsed).toEqual({
      ok: true,
      text: "😀 жирный & x",
      entities: [
        { type: "bold", offset: 3, length: 6 },
        { type: "italic", offset: 12, length: 1 },
      ],
    });
  });
});
