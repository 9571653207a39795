import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, makeRedactor, SECRET_FRAGMENT } from "../src/logger.ts";
import { scrubCredentials } from "../src/services/notion/notion-errors.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("secret redaction in logs", () => {
  it("removes the bot token, API keys and their URL-encoded forms from messages, objects and error stacks", () => {
    const { lines, stream } = capture();
    const token = "123456:AAH-secret_token_value";
    const logger = createLogger({ level: "debug", secrets: [token, "notion-key-12345", "fal:key/with+chars"] }, stream);
    logger.error(
      { err: new Error(`request to https://api.telegram.org/bot${token}/sendMessage failed`) },
      "call failed",
    );
    logger.info(
      { url: `https://x/?key=${encodeURIComponent("fal:key/with+chars")}`, header: "Bearer notion-key-12345" },
      "outgoing",
    );
    logger.child({ update: 1 }).warn(`token is ${token}`);
    const text = lines.join("");
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("AAH-secret_token_value");
    expect(text).not.toContain("notion-key-12345");
    expect(text).not.toContain("fal:key/with+chars");
    expect(text).not.toContain(encodeURIComponent("fal:key/with+chars"));
    expect(lines).toHaveLength(3);
  });

  it("redacts any piece of a secret of 12 characters or more, e.g. a cut-off URL quoting part of a key", () => {
    const key = "AIzaSyD-1234567890abcdefghijklmnopqrstu";
    const redact = makeRedactor([key, "short1"]);
    const cut = `GET https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key=${key.slice(0, 26)}`;
    const out = redact(`${cut} … tail ${key.slice(13)} and short1`);
    for (let i = 0; i + SECRET_FRAGMENT <= key.length; i++)
      expect(out).not.toContain(key.slice(i, i + SECRET_FRAGMENT));
    expect(out).toBe(
      "GET https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key=[redacted] … tail [redacted] and [redacted]",
    );
    expect(redact("nothing secret here, only 12345678901 digits")).toBe("nothing secret here, only 12345678901 digits");
  });

  it("scrubs credentials a Notion error text echoes before it reaches the owner or the job's error column", () => {
    const echoed =
      'Notion 400 validation_error: {"headers":{"Authorization":"Bearer secret_AbCdEfGhIjKlMnOpQrStUv"}} Authorization: Bearer ntn_1234567890abcdef';
    const out = scrubCredentials(echoed);
    expect(out).not.toMatch(/secret_AbCd|ntn_1234|AbCdEfGhIjKl/);
    expect(out).toContain("validation_error");
  });
});

describe("secret redaction in the running bot", () => {
  it("never prints the bot token, even in network errors that embed the request URL", async () => {
    const { BotProcess, tempSqliteUrl } = await import("./support/bot-process.ts");
    const token = "987654:SECRET-token_value_xyz";
    // Nothing listens on port 9: every Bot API call fails with an error naming the URL (which holds the token).
    const bot = new BotProcess({
      BOT_TOKEN: token,
      TELEGRAM_USER_ID: "1",
      DATABASE_URL: tempSqliteUrl(),
      TELEGRAM_API_ROOT: "http://127.0.0.1:9",
      LOG_LEVEL: "debug",
      NOTION_API_KEY: "secret_notion_abcdef",
      NOTION_DB_ID: "db",
    });
    const deadline = Date.now() + 15_000;
    while (!bot.output.includes("getMe failed") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await bot.stop();
    expect(bot.output).toContain("getMe failed");
    expect(bot.output).toContain("[redacted]");
    expect(bot.output).not.toContain("SECRET-token_value_xyz");
    expect(bot.output).not.toContain("secret_notion_abcdef");
  });
});
