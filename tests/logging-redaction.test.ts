import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

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
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${token}/sendMessage failed`) }, "call failed");
    logger.info({ url: `https://x/?key=${encodeURIComponent("fal:key/with+chars")}`, header: "Bearer notion-key-12345" }, "outgoing");
    logger.child({ update: 1 }).warn(`token is ${token}`);
    const text = lines.join("");
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("AAH-secret_token_value");
    expect(text).not.toContain("notion-key-12345");
    expect(text).not.toContain("fal:key/with+chars");
    expect(text).not.toContain(encodeURIComponent("fal:key/with+chars"));
    expect(lines).toHaveLength(3);
  });
});
