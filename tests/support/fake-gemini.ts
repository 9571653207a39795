import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalHttpFake, readBody, sendJson as send } from "./fake-http-server.ts";

export interface GeminiRequest {
  model: string;
  apiKey: string | undefined;
  body: any;
  /** All text parts of the request joined (the prompt). */
  prompt: string;
  /** Inline data parts (audio): MIME type and size in bytes. */
  inline: { mimeType: string; bytes: number }[];
}

/** What the fake answers: a text, a raw response body, an HTTP error, or nothing for `delayMs`. */
export type GeminiReply =
  { text: string } | { body: unknown } | { status: number; message?: string } | { delayMs: number; then?: GeminiReply };

export const geminiText = (text: string, finishReason = "STOP") => ({
  candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason, index: 0 }],
  usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 },
});

/**
 * A Gemini API stand-in (`POST /v1[beta]/models/<model>:generateContent`) for the
 * real @google/genai pointed at it with httpOptions.baseUrl. Replies come from
 * `reply(request)`, which tests replace; every request is recorded.
 */
export class FakeGemini extends LocalHttpFake {
  readonly requests: GeminiRequest[] = [];
  readonly apiKey: string;
  reply: (request: GeminiRequest) => GeminiReply = (request) => ({ text: `echo: ${request.prompt.slice(0, 40)}` });
  /** Every answer waits this long (the real Gemini: 3–10 s for a text). */
  latencyMs = 0;

  constructor(apiKey = "gemini-test-key-123456") {
    super();
    this.apiKey = apiKey;
  }

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const match = new URL(req.url ?? "/", "http://x").pathname.match(
      /^\/v1(?:beta)?\/models\/([^/:]+):generateContent$/,
    );
    if (!match || req.method !== "POST")
      return send(res, 404, {
        error: { code: 404, message: `not found: ${req.method} ${req.url}`, status: "NOT_FOUND" },
      });
    const body = JSON.parse(raw.toString("utf8") || "{}");
    const parts = (body.contents ?? []).flatMap((content: any) => content.parts ?? []);
    const request: GeminiRequest = {
      model: match[1],
      apiKey: req.headers["x-goog-api-key"] as string | undefined,
      body,
      prompt: parts
        .filter((p: any) => typeof p.text === "string")
        .map((p: any) => p.text)
        .join("\n"),
      inline: parts
        .filter((p: any) => p.inlineData)
        .map((p: any) => ({ mimeType: p.inlineData.mimeType, bytes: Buffer.from(p.inlineData.data, "base64").length })),
    };
    this.requests.push(request);
    if (request.apiKey !== this.apiKey) {
      return send(res, 400, {
        error: { code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT" },
      });
    }
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    await this.answer(this.reply(request), res);
  }

  private async answer(reply: GeminiReply, res: ServerResponse): Promise<void> {
    if ("delayMs" in reply) {
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      return this.answer(reply.then ?? { text: "late" }, res);
    }
    if ("text" in reply) return send(res, 200, geminiText(reply.text));
    if ("body" in reply) return send(res, 200, reply.body);
    send(res, reply.status, {
      error: { code: reply.status, message: reply.message ?? `error ${reply.status}`, status: "ERROR" },
    });
  }
}
