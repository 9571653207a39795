import type { Py } from "./py.ts";
import { bindArgs, hasOwn } from "./arguments.ts";
import { memberLookup } from "./methods.ts";
import {
  PyFloat,
  compare,
  isMapping,
  isNumber,
  isSafe,
  isString,
  markSafe,
  num,
  pyTypeError,
  str,
  text,
  typeName,
} from "./values.ts";
// Jinja2 3.1's built-in filters with Python's results, plus nl2br and paragraphs (ours: line breaks that escape).

/** Jinja2's make_attrgetter: "a.b.0" walks attributes and items; a missing one gives the default. */
export function attributeGetter(attribute: Py, fallback?: Py, lowerCase?: Py) {
  const parts =
    attribute === undefined || attribute === null
      ? []
      : typeof attribute === "number"
        ? [attribute]
        : text(attribute).split(".");
  return (item: Py) => {
    let value = item;
    for (const part of parts) value = memberLookup(value, /^\d+$/.test(part) ? Number(part) : part);
    if (value === undefined && fallback !== undefined) value = fallback;
    return lowerCase && isString(value) ? text(value).toLowerCase() : value;
  };
}

export const sortKey = (caseSensitive: Py) => (value: Py) =>
  !caseSensitive && isString(value) ? text(value).toLowerCase() : value;
export const byKey = (key: Py, reverse: Py) => (a: Py, b: Py) => {
  const x = key(a);
  const y = key(b);
  const order = compare(x, "<", y) ? -1 : compare(y, "<", x) ? 1 : 0;
  return reverse ? -order : order;
};

export function lengthOf(value: Py) {
  if (value === undefined) return 0;
  if (isString(value)) return Array.from(text(value)).length;
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return Object.keys(value).length;
  throw pyTypeError("object of type '" + typeName(value) + "' has no len()");
}

export const FLOAT_TEXT = /^\s*[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;
export function toFloat(value: Py) {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "number" || typeof value === "boolean") return Number(value);
  if (isString(value) && FLOAT_TEXT.test(text(value))) {
    const clean = text(value).trim().replace(/_/g, "").toLowerCase();
    if (/inf/.test(clean)) return clean.startsWith("-") ? -Infinity : Infinity;
    if (/nan/.test(clean)) return NaN;
    return Number(clean);
  }
  return undefined;
}

export function toInt(value: Py, base: Py) {
  if (isString(value)) {
    const clean = text(value).trim().replace(/_/g, "");
    const radix = num(base);
    const digits =
      radix === 16
        ? /^[+-]?(0x)?[0-9a-f]+$/i
        : radix === 8
          ? /^[+-]?(0o)?[0-7]+$/i
          : radix === 2
            ? /^[+-]?(0b)?[01]+$/i
            : /^[+-]?\d+$/;
    if (digits.test(clean)) return parseInt(clean.replace(/^([+-]?)0[xob]/i, "$1"), radix);
  } else if (typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat) {
    return Math.trunc(num(value));
  }
  const asFloat = toFloat(value);
  return asFloat === undefined || !Number.isFinite(asFloat) ? undefined : Math.trunc(asFloat);
}

export function roundHalfEven(value: Py, precision: Py) {
  const digits = value.toFixed(Math.min(100, precision + 25));
  const cut = digits.indexOf(".") + precision + 1;
  const tail = digits.slice(precision === 0 ? digits.indexOf(".") + 1 : cut);
  const tie = /^50*$/.test(tail);
  const scale = Math.pow(10, precision);
  if (!tie) return Number(value.toFixed(precision));
  const down = Math.trunc(value * scale) / scale;
  const lastDigit = Math.abs(Math.trunc(value * scale)) % 2;
  return lastDigit === 0 ? down : down + Math.sign(value) / scale;
}

export function jsonDumps(value: Py, indent: Py, level: Py): string {
  const pad = indent === null ? "" : "\n" + " ".repeat(indent * (level + 1));
  const end = indent === null ? "" : "\n" + " ".repeat(indent * level);
  const comma = indent === null ? ", " : ",";
  if (value === null || value === undefined) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (isNumber(value))
    return str(value)
      .replace(/^nan$/, "NaN")
      .replace(/^(-?)inf$/, "$1Infinity");
  if (isString(value)) {
    let out = '"';
    for (const ch of text(value)) {
      const code = ch.codePointAt(0);
      if (ch === '"') out += '\\"';
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else if (code < 0x20 || code > 0x7e) {
        for (let i = 0; i < ch.length; i++) out += "\\u" + ch.charCodeAt(i).toString(16).padStart(4, "0");
      } else out += ch;
    }
    return out + '"';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "[" + pad + value.map((item: Py) => jsonDumps(item, indent, level + 1)).join(comma + pad) + end + "]";
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return "{}";
  const pairs = keys.map(
    (key: Py) => jsonDumps(key, indent, level + 1) + ": " + jsonDumps(value[key], indent, level + 1),
  );
  return "{" + pad + pairs.join(comma + pad) + end + "}";
}

/** Python's quote(): UTF-8 bytes, only letters, digits and `_.~-` (and `/` outside a query) kept. */
export function urlQuote(value: Py, forQuery: Py) {
  let out = "";
  for (const ch of str(value)) {
    if (/[A-Za-z0-9_.~-]/.test(ch) || (!forQuery && ch === "/")) out += ch;
    else if (/[!*'()]/.test(ch)) out += "%" + ch.charCodeAt(0).toString(16).toUpperCase();
    else {
      try {
        out += encodeURIComponent(ch);
      } catch {
        out += "%EF%BF%BD";
      }
    }
  }
  return forQuery ? out.replace(/%20/g, "+") : out;
}

export const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  laquo: "«",
  raquo: "»",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  copy: "©",
};
export function unescapeHtml(value: Py) {
  return value.replace(/&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole: Py, name: Py) => {
    if (name[0] === "#")
      return String.fromCodePoint(
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return hasOwn(ENTITIES, name) ? ENTITIES[name] : whole;
  });
}

export function wrapLine(line: Py, width: Py, breakLong: Py, breakOnHyphens: Py) {
  const pieces = line.split(/(\s+)/).filter((piece: Py) => piece !== "");
  const chunks = [];
  for (const piece of pieces) {
    if (/^\s+$/.test(piece) || !breakOnHyphens) chunks.push(piece);
    else chunks.push(...piece.split(/(?<=[\p{L}\p{N}]-)(?=[\p{L}])/u));
  }
  const lines: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    while (current.length && /^\s+$/.test(current[current.length - 1])) current.pop();
    if (current.length) lines.push(current.join(""));
    current = [];
    size = 0;
  };
  for (let chunk of chunks) {
    if (/^\s+$/.test(chunk) && current.length === 0 && lines.length > 0) continue;
    while (breakLong && Array.from(chunk).length > width && !/^\s+$/.test(chunk)) {
      const room = width - size;
      const list = Array.from(chunk);
      current.push(list.slice(0, room).join(""));
      chunk = list.slice(room).join("");
      flush();
    }
    const length = Array.from(chunk).length;
    if (size + length > width && current.length > 0) {
      flush();
      if (/^\s+$/.test(chunk)) continue;
    }
    current.push(chunk);
    size += length;
  }
  flush();
  return lines;
}

/** Markup in, Markup out: what Python's str methods on a Markup give. */
export const keepSafe = (input: Py, output: Py) => (isSafe(input) ? markSafe(output) : output);

/** The two helpers every filter definition uses: register by name, and read keyword arguments like Python. */
export function filterTools(env: Py) {
  const filter = (name: Py, fn: Py) => env.addFilter(name, fn);
  const bound =
    (names: Py, defaults: Py, fn: Py) =>
    (value: Py, ...args: Py[]) =>
      fn(value, bindArgs(args, names, defaults));
  return { filter, bound };
}
