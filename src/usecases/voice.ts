/** A voice note turned into a draft idea: Gemini transcribes it and proposes a name and a description. */
import { DESCRIPTION_MAX, NAME_MAX } from "../domain/project.ts";
import { cutToCodePoints } from "../domain/text-cut.ts";
import type { GeminiService, VoiceIdea } from "../services/gemini/gemini-service.ts";

/** The idea within the project limits (a model may answer longer than a name or a description may be). */
export async function transcribeVoiceIdea(
  gemini: Pick<GeminiService, "transcribeIdea">,
  audio: Buffer,
  mimeType: string,
): Promise<VoiceIdea> {
  const idea = await gemini.transcribeIdea(audio, mimeType);
  return {
    transcript: idea.transcript,
    name: cutToCodePoints(idea.name, NAME_MAX),
    description: cutToCodePoints(idea.description, DESCRIPTION_MAX),
  };
}
