import type { Py } from "./py.ts";
import { hasOwn, splitArgs } from "./arguments.ts";
import { dictMethods } from "./methods.ts";
import { replaceText, SPLIT_LINES, stripSet } from "./string-methods.ts";
import { add } from "./operators.ts";
import {
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
  markSafe,
  num,
  pyTypeError,
  repr,
  str,
  text,
  truthy,
  fromIterable,
} from "./values.ts";
import {
  attributeGetter,
  byKey,
  jsonDumps,
  keepSafe,
  roundHalfEven,
  sortKey,
  unescapeHtml,
  urlQuote,
  wrapLine,
} from "./filter-helpers.ts";

import { filterTools } from "./filter-helpers.ts";

/** Jinja2's builtin filters `map` to `xmlattr`, and the layer's own (`nl2br`, `paragraphs`). */
export function installFiltersMToZ(this: Py, env: Py) {
  const { filter, bound } = filterTools(env);
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
