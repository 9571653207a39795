import type { Py } from "./py.ts";
import { splitArgs } from "./arguments.ts";
import { dictMethods, memberLookup } from "./methods.ts";
import { centered, SPLIT_LINES, stringMethods } from "./string-methods.ts";
import { percentFormat } from "./operators.ts";
import {
  equal,
  escapeText,
  escapeValue,
  floatOf,
  isFloat,
  isMapping,
  isSafe,
  isString,
  makeTuple,
  markSafe,
  num,
  pyTypeError,
  str,
  text,
  truthy,
  fromIterable,
} from "./values.ts";
import { attributeGetter, byKey, keepSafe, lengthOf, sortKey, toFloat, toInt, filterTools } from "./filter-helpers.ts";

import { installFiltersMToZ } from "./filters-m-z.ts";

/** Jinja2's builtin filters, as its reference lists them: `abs` to `list` (the rest: filters-m-z.ts). */
export function installFilters(this: Py, env: Py) {
  const { filter, bound } = filterTools(env);

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
  installFiltersMToZ.call(this, env);
}
