/**
 * The seed bot's two copywriting prompts (Russian instructions). The original asked for English at B1–B2; Russian is
 * offered too.
 */

export type TextLanguage = "ru" | "en";
const IN_LANGUAGE: Record<TextLanguage, string> = { en: "на английском языке уровня B1–B2", ru: "на русском языке" };

export function ideaDraft(description: string, implementation = ""): string {
  return `Initial Idea: ${description}\n\nImplementation Details: ${implementation}`;
}

export function cardTextPrompt(draft: string, language: TextLanguage = "en"): string {
  return `Ты — копирайтер портфолио промышленного дизайнера. На основе черновика ниже напиши описание проекта для карточки портфолио ${IN_LANGUAGE[language]}.
Структура:
1. Первая строка — короткое название проекта.
2. Идея — 2–3 предложения.
3. Реализация и материалы — 2 предложения.
4. Функция — 1–2 предложения.
Тон позитивный; используй лексику эргономики, материалов и производства. Без markdown и без пояснений — только текст карточки.

Черновик:
${draft}`;
}

export function socialPostPrompt(draft: string, language: TextLanguage = "en"): string {
  return `Ты — SMM-специалист промышленного дизайнера. На основе черновика ниже напиши короткий пост для TikTok/Instagram ${IN_LANGUAGE[language]}: 2–3 коротких предложения, уместные эмодзи и хэштеги в конце (например, #IndustrialDesign #Innovation). Без markdown и без пояснений — только текст поста.

Черновик:
${draft}`;
}

export function translatePrompt(text: string): string {
  return `Translate the following product idea description into concise English suitable for an image-generation prompt. Reply with the translation only, no quotes, no comments.\n\n${text}`;
}

export const TRANSCRIBE_PROMPT = `The audio is a voice note by an industrial designer describing a product idea (usually in Russian).
Return JSON: "transcript" — the exact words in the original language; "name" — a short project name (max 60 characters) in the original language; "description" — a clear description of the idea in 1–4 sentences in the original language. If there is no speech, return empty strings.`;

export const TRANSCRIBE_SCHEMA = {
  type: "object",
  properties: { transcript: { type: "string" }, name: { type: "string" }, description: { type: "string" } },
  required: ["transcript", "name", "description"],
};

/** The seed's product-render prompt around an English description. */
export function moodboardPrompt(english: string): string {
  return `A high-resolution, photorealistic product render of a ${english}, modern design, various options, clean background, professional studio lighting, 8k, photorealism`;
}
