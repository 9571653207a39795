/** A moodboard's prompt: the owner's words, in English (Fal's models read English), in the original's render prompt. */
import type { Logger } from "../logger.ts";
import type { GeminiService } from "../services/gemini/gemini-service.ts";
import { moodboardPrompt } from "../services/gemini/prompts.ts";
import { cutToCodePoints } from "../domain/text-cut.ts";

/** How much of a translation goes into the prompt (Gemini may answer at length). */
const TRANSLATION_MAX = 600;

/** Translated by Gemini when it is on; the owner's words as they are when it is off or fails (logged). */
export async function moodboardPromptFor(gemini: GeminiService | undefined, logger: Logger, source: string) {
  if (!gemini) return moodboardPrompt(source);
  try {
    const english = (await gemini.translateToEnglish(source)).replace(/\s+/g, " ");
    return moodboardPrompt(cutToCodePoints(english, TRANSLATION_MAX, ""));
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "translation failed; using the description as it is");
    return moodboardPrompt(source);
  }
}
