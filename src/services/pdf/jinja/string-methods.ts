import type { Py } from "./py.ts";
import { aligned, braceFormat } from "./operators.ts";
import { isSafe, isString, makeTuple, markSafe, num, pyTypeError, text, typeName, fromIterable } from "./values.ts";
import { bindArgs, splitArgs } from "./arguments.ts";

// Python's str methods on a template's strings (Markup in, Markup out).
// eslint-disable-next-line no-control-regex -- Python counts these separators as whitespace
const WHITESPACE = /^[\s\u001c-\u001f]+$/;
export const stripSet = (value: Py, chars: Py, fromStart: Py, fromEnd: Py) => {
  const list = Array.from(value);
  const strip =
    chars === undefined || chars === null ? (ch: Py) => WHITESPACE.test(ch) : (ch: Py) => text(chars).includes(ch);
  let start = 0;
  let end = list.length;
  if (fromStart) while (start < end && strip(list[start])) start++;
  if (fromEnd) while (end > start && strip(list[end - 1])) end--;
  return list.slice(start, end).join("");
};

export function splitPython(value: Py, separator: Py, limit: Py, fromRight: Py) {
  const max = limit === undefined || limit === null || num(limit) < 0 ? Infinity : num(limit);
  if (separator === undefined || separator === null) {
    const words = value.trim().split(/\s+/).filter(Boolean);
    if (words.length - 1 <= max) return words;
    if (fromRight) {
      const tail = words.slice(words.length - max);
      const head = value
        .trim()
        .split(/\s+/)
        .slice(0, words.length - max)
        .join(" ");
      return [head, ...tail];
    }
    const parts = [];
    let rest = value.replace(/^\s+/, "");
    while (parts.length < max) {
      const match = /\s+/.exec(rest);
      if (!match) break;
      parts.push(rest.slice(0, match.index));
      rest = rest.slice(match.index + match[0].length);
    }
    return [...parts, rest];
  }
  const sep = text(separator);
  if (sep === "") throw pyTypeError("empty separator");
  const all = value.split(sep);
  if (all.length - 1 <= max) return all;
  if (fromRight) return [all.slice(0, all.length - max).join(sep), ...all.slice(all.length - max)];
  return [...all.slice(0, max), all.slice(max).join(sep)];
}

// eslint-disable-next-line no-control-regex -- Python splits lines at these separators
export const SPLIT_LINES = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;
export const isCased = (ch: Py) => ch.toLowerCase() !== ch.toUpperCase();
export const pyTitle = (value: Py) =>
  value.replace(/[\p{L}\p{N}']+/gu, (word: Py) => word[0].toUpperCase() + word.slice(1).toLowerCase());

export function stringMethods(value: Py, original: Py) {
  const keep = (result: Py) => (isSafe(original) && typeof result === "string" ? markSafe(result) : result);
  const find = (sub: Py, start: Py, end: Py) => {
    const list = Array.from(value);
    const from = start === undefined ? 0 : num(start);
    const slice = list.slice(from, end === undefined ? undefined : num(end)).join("");
    const at = slice.indexOf(text(sub));
    return at < 0 ? -1 : from + Array.from(slice.slice(0, at)).length;
  };
  const affix = (test: Py) => (prefix: Py, start: Py) => {
    const subject = start === undefined ? value : Array.from(value).slice(num(start)).join("");
    const options = Array.isArray(prefix) ? prefix : [prefix];
    return options.some((option: Py) => test(subject, text(option)));
  };
  return {
    upper: () => keep(value.toUpperCase()),
    lower: () => keep(value.toLowerCase()),
    casefold: () => value.toLowerCase(),
    title: () => keep(pyTitle(value)),
    capitalize: () =>
      keep(
        value
          ? Array.from(value as string)[0].toUpperCase() +
              Array.from(value as string)
                .slice(1)
                .join("")
                .toLowerCase()
          : "",
      ),
    swapcase: () =>
      keep(
        Array.from(value)
          .map((ch: Py) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()))
          .join(""),
      ),
    strip: (chars: Py) => keep(stripSet(value, chars, true, true)),
    lstrip: (chars: Py) => keep(stripSet(value, chars, true, false)),
    rstrip: (chars: Py) => keep(stripSet(value, chars, false, true)),
    startswith: affix((subject: Py, option: Py) => subject.startsWith(option)),
    endswith: affix((subject: Py, option: Py) => subject.endsWith(option)),
    replace: (old: Py, replacement: Py, count: Py) => keep(replaceText(value, text(old), text(replacement), count)),
    split: (...args: Py[]) => {
      const { sep, maxsplit } = bindArgs(args, ["sep", "maxsplit"], [null, -1]);
      return splitPython(value, sep, maxsplit, false);
    },
    rsplit: (...args: Py[]) => {
      const { sep, maxsplit } = bindArgs(args, ["sep", "maxsplit"], [null, -1]);
      return splitPython(value, sep, maxsplit, true);
    },
    splitlines: () => value.split(SPLIT_LINES).filter((line: Py, i: Py, all: Py) => i < all.length - 1 || line !== ""),
    join: (items: Py) =>
      keep(
        fromIterable(items)
          .map((item: Py) => (isString(item) ? text(item) : typeError(item)))
          .join(value),
      ),
    find,
    rfind: (sub: Py) => {
      const at = value.lastIndexOf(text(sub));
      return at < 0 ? -1 : Array.from(value.slice(0, at)).length;
    },
    index: (sub: Py, start: Py, end: Py) => {
      const at = find(sub, start, end);
      if (at < 0) throw pyTypeError("substring not found");
      return at;
    },
    count: (sub: Py) => (text(sub) === "" ? Array.from(value).length + 1 : value.split(text(sub)).length - 1),
    format: (...args: Py[]) => {
      const { positional, keywords } = splitArgs(args);
      return keep(braceFormat(value, positional, keywords));
    },
    center: (width: Py, fill: Py) => keep(centered(value, num(width), fill === undefined ? " " : text(fill))),
    ljust: (width: Py, fill: Py) => keep(aligned(value, fill === undefined ? " " : text(fill), "<", num(width))),
    rjust: (width: Py, fill: Py) => keep(aligned(value, fill === undefined ? " " : text(fill), ">", num(width))),
    zfill: (width: Py) => {
      const sign = /^[+-]/.test(value) ? value[0] : "";
      return sign + value.slice(sign.length).padStart(num(width) - sign.length, "0");
    },
    isdigit: () => /^\p{Nd}+$/u.test(value),
    isdecimal: () => /^\p{Nd}+$/u.test(value),
    isnumeric: () => /^\p{N}+$/u.test(value),
    isalpha: () => /^\p{L}+$/u.test(value),
    isalnum: () => /^[\p{L}\p{N}]+$/u.test(value),
    isspace: () => value.length > 0 && WHITESPACE.test(value),
    isupper: () => Array.from(value).some(isCased) && value === value.toUpperCase(),
    islower: () => Array.from(value).some(isCased) && value === value.toLowerCase(),
    istitle: () => Array.from(value).some(isCased) && pyTitle(value) === value,
    partition: (sep: Py) => {
      const at = value.indexOf(text(sep));
      return makeTuple(at < 0 ? [value, "", ""] : [value.slice(0, at), text(sep), value.slice(at + text(sep).length)]);
    },
    rpartition: (sep: Py) => {
      const at = value.lastIndexOf(text(sep));
      return makeTuple(at < 0 ? ["", "", value] : [value.slice(0, at), text(sep), value.slice(at + text(sep).length)]);
    },
    removeprefix: (prefix: Py) => keep(value.startsWith(text(prefix)) ? value.slice(text(prefix).length) : value),
    removesuffix: (suffix: Py) =>
      keep(text(suffix) && value.endsWith(text(suffix)) ? value.slice(0, value.length - text(suffix).length) : value),
  };
}

export function typeError(item: Py) {
  throw pyTypeError("sequence item: expected str instance, " + typeName(item) + " found");
}

export function centered(value: Py, width: Py, fill: Py) {
  const length = Array.from(value).length;
  if (width <= length) return value;
  const margin = width - length;
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return fill.repeat(left) + value + fill.repeat(margin - left);
}

export function replaceText(value: Py, old: Py, replacement: Py, count: Py) {
  const limit = count === undefined || count === null || num(count) < 0 ? Infinity : num(count);
  if (old === "") {
    const list = Array.from(value);
    let out = "";
    let done = 0;
    for (let i = 0; i <= list.length; i++) {
      if (done < limit) {
        out += replacement;
        done++;
      }
      if (i < list.length) out += list[i];
    }
    return out;
  }
  let out = "";
  let rest = value;
  for (let done = 0; done < limit; done++) {
    const at = rest.indexOf(old);
    if (at < 0) break;
    out += rest.slice(0, at) + replacement;
    rest = rest.slice(at + old.length);
  }
  return out + rest;
}
