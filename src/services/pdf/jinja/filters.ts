import type { Py } from "./py.ts";
import {
  SPLIT_LINES,
  bindArgs,
  centered,
  dictMethods,
  fromIterable,
  hasOwn,
  memberLookup,
  replaceText,
  splitArgs,
  stringMethods,
  stripSet,
} from "./methods.ts";
import { add, percentFormat } from "./operators.ts";
import {
  PyFloat,
  compare,
  equal,
  escapeText,
  escapeValue,
  floatOf,
  isFloat,
  isMapping,
  isNumber,
  isSafe,
  isString,
  makeTuple,
  markSafe,
  num,
  pyTypeError,
  repr,
  str,
  text,
  truthy,
  typeName,
} from "./values.ts";
// Jinja2 3.1's built-in filters with Python's results, plus nl2br and paragraphs (ours: line breaks that escape).

/** Jinja2's make_attrgetter: "a.b.0" walks attributes and items; a missing one gives the default. */
function attributeGetter(attribute: Py, fallback?: Py, lowerCase?: Py) {
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

const sortKey = (caseSensitive: Py) => (value: Py) =>
  !caseSensitive && isString(value) ? text(value).toLowerCase() : value;
const byKey = (key: Py, reverse: Py) => (a: Py, b: Py) => {
  const x = key(a);
  const y = key(b);
  const order = compare(x, "<", y) ? -1 : compare(y, "<", x) ? 1 : 0;
  return reverse ? -order : order;
};

function lengthOf(value: Py) {
  if (value === undefined) return 0;
  if (isString(value)) return Array.from(text(value)).length;
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return Object.keys(value).length;
  throw pyTypeError("object of type '" + typeName(value) + "' has no len()");
}

const FLOAT_TEXT = /^\s*[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;
function toFloat(value: Py) {
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

function toInt(value: Py, base: Py) {
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

function roundHalfEven(value: Py, precision: Py) {
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

function jsonDumps(value: Py, indent: Py, level: Py): string {
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
function urlQuote(value: Py, forQuery: Py) {
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

const ENTITIES: Record<string, string> = {
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
function unescapeHtml(value: Py) {
  return value.replace(/&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole: Py, name: Py) => {
    if (name[0] === "#")
      return String.fromCodePoint(
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return hasOwn(ENTITIES, name) ? ENTITIES[name] : whole;
  });
}

function wrapLine(line: Py, width: Py, breakLong: Py, breakOnHyphens: Py) {
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
const keepSafe = (input: Py, output: Py) => (isSafe(input) ? markSafe(output) : output);

export function installFilters(this: Py, env: Py) {
  const filter = (name: Py, fn: Py) => env.addFilter(name, fn);
  const bound =
    (names: Py, defaults: Py, fn: Py) =>
    (value: Py, ...args: Py[]) =>
      fn(value, bindArgs(args, names, defaults));

  filter("abs", (value: Py) => (isFloat(value) ? floatOf(Math.abs(num(value))) : Math.abs(num(value))));
  filter("attr", (value: Py, name: Py) => memberLookup(value, text(name)));
  filter("batch", (value: Py, size: Py, fill: Py) => {
    const rows = [];
    let row = [];
    for (const item of fromIterable(value)) {
      if (row.length === num(size)) {
        rows.push(row);
        row = [];
      }
      row.push(item);
    }
    if (row.length) {
      if (fill !== undefined && fill !== null) while (row.length < num(size)) row.push(fill);
      rows.push(row);
    }
    return rows;
  });
  filter("capitalize", (value: Py) => stringMethods(str(value), value).capitalize());
  filter("center", (value: Py, width: Py) =>
    keepSafe(value, centered(str(value), width === undefined ? 80 : num(width), " ")),
  );
  filter("length", lengthOf);
  filter("count", lengthOf);
  const byDefault = bound(["default_value", "boolean"], ["", false], (value: Py, a: Py) =>
    value === undefined || (truthy(a.boolean) && !truthy(value)) ? a.default_value : value,
  );
  filter("default", byDefault);
  filter("d", byDefault);
  filter(
    "dictsort",
    bound(["case_sensitive", "by", "reverse"], [false, "key", false], (value: Py, a: Py) => {
      const position = a.by === "value" ? 1 : 0;
      const key = (pair: Py) => sortKey(truthy(a.case_sensitive))(pair[position]);
      return dictMethods(value)
        .items()
        .sort(byKey(key, truthy(a.reverse)));
    }),
  );
  filter("escape", escapeValue);
  filter("e", escapeValue);
  filter("forceescape", (value: Py) => markSafe(escapeText(str(isSafe(value) ? value.val : value))));
  filter("filesizeformat", (value: Py, binary: Py) => {
    const bytes: Py = toFloat(value);
    const base = truthy(binary) ? 1024 : 1000;
    const prefixes = truthy(binary)
      ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
      : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    if (bytes === 1) return "1 Byte";
    if (bytes < base) return Math.trunc(bytes) + " Bytes";
    let unit;
    for (let i = 0; i < prefixes.length; i++) {
      unit = Math.pow(base, i + 2);
      if (bytes < unit || i === prefixes.length - 1) return ((base * bytes) / unit).toFixed(1) + " " + prefixes[i];
    }
  });
  filter("first", (value: Py) => fromIterable(value)[0]);
  filter("last", (value: Py) => {
    const items = fromIterable(value);
    return items[items.length - 1];
  });
  filter("float", (value: Py, fallback: Py) => {
    const parsed = toFloat(value);
    return parsed === undefined ? (fallback === undefined ? floatOf(0) : fallback) : floatOf(parsed);
  });
  filter("format", (value: Py, ...args: Py[]) => {
    const { positional, keywords } = splitArgs(args);
    return percentFormat(value, Object.keys(keywords).length ? keywords : makeTuple(positional));
  });
  filter(
    "groupby",
    bound(["attribute", "default", "case_sensitive"], [undefined, undefined, false], (value: Py, a: Py) => {
      const key = attributeGetter(a.attribute, a.default, !truthy(a.case_sensitive));
      const output = attributeGetter(a.attribute, a.default, false);
      const groups = [];
      for (const item of fromIterable(value).slice().sort(byKey(key, false))) {
        const last = groups[groups.length - 1];
        if (last && equal(last.key, key(item))) last.items.push(item);
        else groups.push({ key: key(item), items: [item] });
      }
      return groups.map((group: Py) => {
        const tuple = makeTuple([output(group.items[0]), group.items]);
        tuple.grouper = tuple[0];
        tuple.list = tuple[1];
        return tuple;
      });
    }),
  );
  filter(
    "indent",
    bound(["width", "first", "blank"], [4, false, false], (value: Py, a: Py) => {
      const indention = isString(a.width) ? text(a.width) : " ".repeat(num(a.width));
      const lines = (str(value) + "\n").split(SPLIT_LINES);
      lines.pop();
      let out;
      if (truthy(a.blank)) out = lines.join("\n" + indention);
      else
        out =
          lines[0] +
          (lines.length > 1
            ? "\n" +
              lines
                .slice(1)
                .map((line: Py) => (line ? indention + line : line))
                .join("\n")
            : "");
      if (truthy(a.first)) out = indention + out;
      return isSafe(value) ? markSafe(out) : out;
    }),
  );
  filter(
    "int",
    bound(["default", "base"], [0, 10], (value: Py, a: Py) => {
      const parsed = toInt(value, a.base);
      return parsed === undefined ? a.default : parsed;
    }),
  );
  filter("items", (value: Py) => {
    if (value === undefined) return [];
    if (!isMapping(value)) throw pyTypeError("Can only get item pairs from a mapping.");
    return dictMethods(value).items();
  });
  filter(
    "join",
    bound(["d", "attribute"], ["", null], (value: Py, a: Py) => {
      let items = fromIterable(value);
      if (a.attribute !== null && a.attribute !== undefined) items = items.map(attributeGetter(a.attribute));
      if (!items.some(isSafe) && !isSafe(a.d)) return items.map(str).join(str(a.d));
      return markSafe(items.map((item: Py) => text(escapeValue(item))).join(text(escapeValue(a.d))));
    }),
  );
  filter("list", (value: Py) => fromIterable(value).slice());
  filter("lower", (value: Py) => stringMethods(str(value), value).lower());
  filter("upper", (value: Py) => stringMethods(str(value), value).upper());
  filter("map", (value: Py, ...args: Py[]) => {
    const { positional, keywords } = splitArgs(args);
    const items = fromIterable(value);
    if (positional.length === 0 && hasOwn(keywords, "attribute"))
      return items.map(attributeGetter(keywords.attribute, keywords.default));
    const name = text(positional[0]);
    const fn = env.getFilter(name);
    const rest = positional.slice(1);
    if (Object.keys(keywords).length) rest.push(Object.assign({ __keywords: true }, keywords));
    return items.map((item: Py) => fn.call(this, item, ...rest));
  });
  const extreme = (pick: Py) =>
    bound(["case_sensitive", "attribute"], [false, null], (value: Py, a: Py) => {
      const items = fromIterable(value);
      if (items.length === 0) return undefined;
      const get = attributeGetter(a.attribute);
      const key = (item: Py) => sortKey(truthy(a.case_sensitive))(get(item));
      return items.reduce((best: Py, item: Py) =>
        pick(compare(key(item), "<", key(best)), compare(key(item), ">", key(best))) ? item : best,
      );
    });
  filter(
    "max",
    extreme((less: Py, more: Py) => more),
  );
  filter(
    "min",
    extreme((less: Py) => less),
  );
  filter("pprint", (value: Py) => repr(value, true));
  filter("random", (value: Py) => {
    const items = fromIterable(value);
    return items[Math.floor(Math.random() * items.length)];
  });
  const selecting =
    (keep: Py, byAttribute: Py) =>
    (value: Py, ...args: Py[]) => {
      const { positional } = splitArgs(args);
      const get = byAttribute ? attributeGetter(positional.shift()) : (item: Py) => item;
      const testName = positional.length ? text(positional.shift()) : null;
      const test = testName ? env.getTest(testName) : truthy;
      return fromIterable(value).filter((item: Py) => truthy(test.call(this, get(item), ...positional)) === keep);
    };
  filter("select", selecting(true, false));
  filter("reject", selecting(false, false));
  filter("selectattr", selecting(true, true));
  filter("rejectattr", selecting(false, true));
  filter("replace", (value: Py, old: Py, replacement: Py, count: Py) => {
    if (isSafe(old) || isSafe(replacement) || isSafe(value)) {
      const base = isSafe(value) ? value.val : escapeText(str(value));
      return markSafe(replaceText(base, text(escapeValue(old)), text(escapeValue(replacement)), count));
    }
    return replaceText(str(value), str(old), str(replacement), count);
  });
  filter("reverse", (value: Py) =>
    isString(value)
      ? keepSafe(value, Array.from(text(value)).reverse().join(""))
      : fromIterable(value).slice().reverse(),
  );
  filter(
    "round",
    bound(["precision", "method"], [0, "common"], (value: Py, a: Py) => {
      const precision = num(a.precision);
      if (a.method === "common") {
        if (!isFloat(value) && precision >= 0 && isNumber(value)) return num(value);
        return floatOf(roundHalfEven(num(value), precision));
      }
      if (a.method !== "ceil" && a.method !== "floor") throw pyTypeError("method must be common, ceil or floor");
      const scale = Math.pow(10, precision);
      return floatOf((Math as Py)[a.method](num(value) * scale) / scale);
    }),
  );
  filter("safe", (value: Py) => (isSafe(value) ? value : markSafe(str(value))));
  filter("slice", (value: Py, slices: Py, fill: Py) => {
    const items = fromIterable(value);
    const count = num(slices);
    const per = Math.floor(items.length / count);
    const extra = items.length % count;
    const out = [];
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const start = offset + i * per;
      if (i < extra) offset += 1;
      const part = items.slice(start, offset + (i + 1) * per);
      if (fill !== undefined && fill !== null && i >= extra) part.push(fill);
      out.push(part);
    }
    return out;
  });
  filter(
    "sort",
    bound(["reverse", "case_sensitive", "attribute"], [false, false, null], (value: Py, a: Py) => {
      const get = attributeGetter(a.attribute);
      const key = (item: Py) => sortKey(truthy(a.case_sensitive))(get(item));
      return fromIterable(value)
        .slice()
        .sort(byKey(key, truthy(a.reverse)));
    }),
  );
  filter("string", (value: Py) => (isSafe(value) ? value : str(value)));
  filter("striptags", (value: Py) => {
    const html = isSafe(value) ? value.val : str(value);
    const stripped = html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<[\s\S]*?>/g, "")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
    return unescapeHtml(stripped);
  });
  filter(
    "sum",
    bound(["attribute", "start"], [null, 0], (value: Py, a: Py) => {
      const get = attributeGetter(a.attribute);
      return fromIterable(value).reduce((total: Py, item: Py) => add(total, get(item)), a.start);
    }),
  );
  filter("title", (value: Py) =>
    str(value)
      .split(/([-\s({[<]+)/)
      .filter(Boolean)
      .map((part: Py) => {
        const list: string[] = Array.from(part);
        return list[0].toUpperCase() + list.slice(1).join("").toLowerCase();
      })
      .join(""),
  );
  filter("tojson", (value: Py, indent: Py) => {
    const json = jsonDumps(value, indent === undefined || indent === null ? null : num(indent), 0);
    return markSafe(
      json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027"),
    );
  });
  filter("trim", (value: Py, chars: Py) => keepSafe(value, stripSet(str(value), chars, true, true)));
  filter(
    "truncate",
    bound(["length", "killwords", "end", "leeway"], [255, false, "...", 5], (value: Py, a: Py) => {
      const list = Array.from(str(value));
      const length = num(a.length);
      const end = isSafe(value) ? text(escapeValue(a.end)) : str(a.end);
      if (list.length <= length + num(a.leeway)) return isSafe(value) ? value : str(value);
      const kept = list.slice(0, Math.max(0, length - Array.from(end).length)).join("");
      if (truthy(a.killwords)) return keepSafe(value, kept + end);
      const space = kept.lastIndexOf(" ");
      return keepSafe(value, (space < 0 ? kept : kept.slice(0, space)) + end);
    }),
  );
  filter(
    "unique",
    bound(["case_sensitive", "attribute"], [false, null], (value: Py, a: Py) => {
      const get = attributeGetter(a.attribute);
      const key = (item: Py) => sortKey(truthy(a.case_sensitive))(get(item));
      const seen: Py[] = [];
      return fromIterable(value).filter((item: Py) => {
        if (seen.some((known: Py) => equal(known, key(item)))) return false;
        seen.push(key(item));
        return true;
      });
    }),
  );
  filter("urlencode", (value: Py) => {
    if (isString(value)) return urlQuote(value, false);
    const pairs = isMapping(value) ? dictMethods(value).items() : fromIterable(value);
    return pairs.map((pair: Py) => urlQuote(pair[0], true) + "=" + urlQuote(pair[1], true)).join("&");
  });
  filter("urlize", (value: Py) =>
    markSafe(
      escapeText(str(value)).replace(/\b((?:https?:\/\/|www\.)[^\s<]+[^\s<.,:;"')\]!?])/g, (url: Py) => {
        const href = url.startsWith("www.") ? "https://" + url : url;
        return '<a href="' + href + '" rel="noopener">' + url + "</a>";
      }),
    ),
  );
  filter("wordcount", (value: Py) => (str(value).match(/[\p{L}\p{N}_]+/gu) || []).length);
  filter(
    "wordwrap",
    bound(
      ["width", "break_long_words", "wrapstring", "break_on_hyphens"],
      [79, true, null, true],
      (value: Py, a: Py) => {
        const wrap = a.wrapstring === null || a.wrapstring === undefined ? "\n" : str(a.wrapstring);
        const lines = str(value).split(SPLIT_LINES);
        return lines
          .map((line: Py) =>
            wrapLine(line, num(a.width), truthy(a.break_long_words), truthy(a.break_on_hyphens)).join(wrap),
          )
          .join(wrap);
      },
    ),
  );
  filter("xmlattr", (value: Py, autospace: Py) => {
    const pairs = Object.keys(value || {})
      .filter((key: Py) => value[key] !== null && value[key] !== undefined)
      .map((key: Py) => escapeText(key) + '="' + text(escapeValue(value[key])) + '"');
    const joined = pairs.join(" ");
    return markSafe(joined && (autospace === undefined || truthy(autospace)) ? " " + joined : joined);
  });
  filter("nl2br", (value: Py) => markSafe(text(escapeValue(value)).replace(/\r\n|\r|\n/g, "<br>\n")));
  filter("paragraphs", (value: Py) => {
    const parts = text(escapeValue(value))
      .split(/(?:\r\n|\r|\n)+/)
      .map((part: Py) => part.trim())
      .filter(Boolean);
    return markSafe(parts.map((part: Py) => "<p>" + part + "</p>").join("\n"));
  });
}
