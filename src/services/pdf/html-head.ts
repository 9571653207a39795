/** Marks what drawCard puts in the head (<base>, the tile styles, the shadow images' styles): not the template's. */
export const ADDED_TO_HEAD = "data-card-head";

/**
 * Puts markup at the start of the document's <head>, creating the head when the
 * template has none, and never before a doctype (that would switch the page to quirks mode).
 */
export function insertAtHeadStart(html: string, markup: string): string {
  if (/<head[\s>]/i.test(html)) return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${markup}`);
  if (/<html[\s>]/i.test(html)) return html.replace(/<html(\s[^>]*)?>/i, (tag) => `${tag}<head>${markup}</head>`);
  const doctype = /^\s*(<!--[\s\S]*?-->\s*)*<!doctype[^>]*>/i.exec(html);
  if (doctype) return `${doctype[0]}${markup}${html.slice(doctype[0].length)}`;
  return `${markup}${html}`;
}
