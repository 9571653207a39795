import type { GenerateContentResponse, GoogleGenAI, Part } from "@google/genai";
import {
  TRANSCRIBE_PROMPT,
  TRANSCRIBE_SCHEMA,
  cardTextPrompt,
  socialPostPrompt,
  translatePrompt,
  type TextLanguage,
} from "./prompts.ts";

type Sdk = typeof import("@google/genai");

/** The SDK (~20 MB resident) is imported at the first request, not at boot; its errors can only exist after that. */
let sdk: Sdk | undefined;

export type GeminiFault = "auth" | "rate" | "server" | "timeout" | "blocked" | "empty" | "network" | "bad-request";

/** A Gemini failure reduced to what the owner can act on; `detail` is for logs (never holds the key). */
export class GeminiError extends Error {
  readonly fault: GeminiFault;
  constructor(fault: GeminiFault, detail: string) {
    super(`Gemini ${fault}: ${detail}`);
    this.fault = fault;
  }
}

export interface GeneratedTexts {
  card: string;
  social: string;
}

export interface VoiceIdea {
  transcript: string;
  name: string;
  description: string;
}

export interface GeminiService {
  readonly model: string;
  /** Loads the SDK in the background (~100 ms on a dyno's first use): the first question then goes out at once. */
  warm(): void;
  generateCardText(draft: string, language?: TextLanguage): Promise<string>;
  generateSocialText(draft: string, language?: TextLanguage): Promise<string>;
  /** Both texts in parallel; fails as a whole (nothing half-done is returned). */
  generateTexts(draft: string, language?: TextLanguage): Promise<GeneratedTexts>;
  translateToEnglish(text: string): Promise<string>;
  transcribeIdea(audio: Buffer, mimeType: string): Promise<VoiceIdea>;
}

export function classifyGeminiError(error: unknown): GeminiError {
  if (error instanceof GeminiError) return error;
  if (sdk && error instanceof sdk.ApiError) {
    const status = error.status;
    // Gemini quotes its request URL in some errors, key included (?key=…): cut it out before the text goes anywhere.
    const message = error.message
      .replace(/([?&]key=)[^&\s"']+/gi, "$1[redacted]")
      .replace(/AIza[0-9A-Za-z_-]{20,}/g, "[redacted]")
      .slice(0, 300);
    if (status === 401 || status === 403 || (status === 400 && /api[ _]?key/i.test(message)))
      return new GeminiError("auth", `HTTP ${status}`);
    if (status === 429) return new GeminiError("rate", `HTTP ${status}`);
    if (status >= 500) return new GeminiError("server", `HTTP ${status}`);
    return new GeminiError("bad-request", `HTTP ${status}: ${message}`);
  }
  const name = (error as Error)?.name;
  if (name === "AbortError" || name === "TimeoutError") return new GeminiError("timeout", "no answer in time");
  return new GeminiError("network", (error as Error)?.message ?? String(error));
}

/** The answer's text, or why there is none (blocked prompt, safety stop, token limit). */
export function answerText(response: GenerateContentResponse): string {
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) throw new GeminiError("blocked", `prompt blocked: ${blocked}`);
  const candidate = response.candidates?.[0];
  const text = response.text?.trim();
  if (text) return text;
  const reason = candidate?.finishReason ?? "none";
  if (["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION"].includes(String(reason)))
    throw new GeminiError("blocked", `finish reason ${reason}`);
  throw new GeminiError("empty", `empty answer (finish reason ${reason})`);
}

export function createGeminiService(config: {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
}): GeminiService {
  let client: Promise<GoogleGenAI> | undefined;
  const ai = () =>
    (client ??= import("@google/genai").then((loaded) => {
      sdk = loaded;
      return new loaded.GoogleGenAI({
        apiKey: config.apiKey,
        httpOptions: { baseUrl: config.baseUrl, timeout: config.timeoutMs },
      });
    }));
  const model = config.model;

  async function generate(parts: Part[], json?: object): Promise<string> {
    let response: GenerateContentResponse;
    try {
      response = await (
        await ai()
      ).models.generateContent({
        model,
        contents: [{ role: "user", parts }],
        config: json ? { responseMimeType: "application/json", responseSchema: json } : undefined,
      });
    } catch (error) {
      throw classifyGeminiError(error);
    }
    return answerText(response);
  }

  const service: GeminiService = {
    model,
    warm: () => void ai().catch(() => undefined),
    generateCardText: (draft, language) => generate([{ text: cardTextPrompt(draft, language) }]),
    generateSocialText: (draft, language) => generate([{ text: socialPostPrompt(draft, language) }]),
    async generateTexts(draft, language) {
      const [card, social] = await Promise.all([
        service.generateCardText(draft, language),
        service.generateSocialText(draft, language),
      ]);
      return { card, social };
    },
    translateToEnglish: (text) => generate([{ text: translatePrompt(text) }]),
    async transcribeIdea(audio, mimeType) {
      const raw = await generate(
        [{ text: TRANSCRIBE_PROMPT }, { inlineData: { mimeType, data: audio.toString("base64") } }],
        TRANSCRIBE_SCHEMA,
      );
      let parsed: Partial<VoiceIdea>;
      try {
        parsed = JSON.parse(raw) as Partial<VoiceIdea>;
      } catch {
        throw new GeminiError("empty", "transcription was not JSON");
      }
      const idea = {
        transcript: String(parsed.transcript ?? "").trim(),
        name: String(parsed.name ?? "").trim(),
        description: String(parsed.description ?? "").trim(),
      };
      if (!idea.transcript) throw new GeminiError("empty", "no speech recognised");
      return {
        ...idea,
        name: idea.name || idea.transcript.slice(0, 60),
        description: idea.description || idea.transcript,
      };
    },
  };
  return service;
}
