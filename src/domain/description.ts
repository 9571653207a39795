/**
 * The form a description is compared in on both sides of the Notion mirror: Notion keeps no leading or trailing blank
 * paragraphs.
 */
export function normalizeDescription(text: string): string {
  return text.trim();
}
