export interface PageSize {
  /** CSS pixels (1/96 in). */
  widthPx: number;
  heightPx: number;
  pages: number;
}

export const A4: PageSize = { widthPx: (210 / 25.4) * 96, heightPx: (297 / 25.4) * 96, pages: 1 };

/**
 * The page-1 PNG's size in pixels, and the viewport it is taken at: a function of the printed page alone, so a
 * card's preview does not depend on which card the browser page printed before.
 */
export const viewportFor = (size: { widthPx: number; heightPx: number }) => ({
  width: Math.round(size.widthPx),
  height: Math.round(size.heightPx),
});

/** What Chromium prints for `@page { size: A4 }` (594.96 × 841.92 pt): the built-in card and most exports. */
export const PRINTED_A4_VIEWPORT = viewportFor({ widthPx: (594.96 * 96) / 72, heightPx: (841.92 * 96) / 72 });

/**
 * Reads the first page's MediaBox (points) from a PDF Chromium wrote: Skia
 * keeps page dictionaries uncompressed, so the size the template's @page
 * produced is read back exactly instead of re-implementing CSS paging rules.
 */
export function firstPageSizeOfPdf(pdf: Uint8Array): PageSize | undefined {
  const text = Buffer.from(pdf).toString("latin1");
  const boxes = [
    ...text.matchAll(
      /\/Type\s*\/Page\b[^s][\s\S]{0,400}?\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/g,
    ),
  ];
  const any = boxes[0] ?? text.match(/\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/);
  if (!any) return undefined;
  const [x0, y0, x1, y1] = any.slice(1, 5).map(Number);
  const pages = (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length || 1;
  return { widthPx: ((x1 - x0) * 96) / 72, heightPx: ((y1 - y0) * 96) / 72, pages };
}
