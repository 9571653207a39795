const PROBES = [0x0416, 0x0436, 0x044f]; // Ж ж я

/**
 * Whether a TrueType/OpenType font maps Cyrillic letters (cmap formats 4 and 12).
 * undefined when the file is not a plain sfnt (WOFF/WOFF2 are compressed): unknown, not a warning.
 */
export function fontHasCyrillic(bytes: Uint8Array): boolean | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(0);
    if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return undefined;
    const tables = view.getUint16(4);
    let cmap = -1;
    for (let i = 0; i < tables; i++) {
      const record = 12 + i * 16;
      if (String.fromCharCode(...bytes.subarray(record, record + 4)) === "cmap") cmap = view.getUint32(record + 8);
    }
    if (cmap < 0) return undefined;
    const subtables = view.getUint16(cmap + 2);
    for (let i = 0; i < subtables; i++) {
      const record = cmap + 4 + i * 8;
      const platform = view.getUint16(record);
      const encoding = view.getUint16(record + 2);
      if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
      const table = cmap + view.getUint32(record + 4);
      const format = view.getUint16(table);
      if (format === 4 && PROBES.every((code) => glyphFormat4(view, table, code) !== 0)) return true;
      if (format === 12 && PROBES.every((code) => inFormat12(view, table, code))) return true;
    }
    return false;
  } catch {
    return undefined;
  }
}

function glyphFormat4(view: DataView, table: number, code: number): number {
  const segments = view.getUint16(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let i = 0; i < segments; i++) {
    if (view.getUint16(ends + i * 2) < code) continue;
    const start = view.getUint16(starts + i * 2);
    if (start > code) return 0;
    const delta = view.getUint16(deltas + i * 2);
    const rangeOffset = view.getUint16(rangeOffsets + i * 2);
    if (rangeOffset === 0) return (code + delta) & 0xffff;
    const glyph = view.getUint16(rangeOffsets + i * 2 + rangeOffset + (code - start) * 2);
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  }
  return 0;
}

function inFormat12(view: DataView, table: number, code: number): boolean {
  const groups = view.getUint32(table + 12);
  for (let i = 0; i < groups; i++) {
    const group = table + 16 + i * 12;
    if (view.getUint32(group) <= code && code <= view.getUint32(group + 4)) return true;
  }
  return false;
}
