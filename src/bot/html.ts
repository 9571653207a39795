/** Escapes user-provided text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The text Telegram shows for an HTML-formatted text (tags dropped, its four named and numeric entities decoded,
 * trimmed).
 */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot);?/gi, (entity, code: string) => {
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
      if (code[0] !== "#") return named[code.toLowerCase()] ?? entity;
      const value = code[1].toLowerCase() === "x" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return value > 0 && value < 0x10ffff ? String.fromCodePoint(value) : entity;
    })
    .trim();
}
