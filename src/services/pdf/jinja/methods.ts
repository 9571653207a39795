import type { Py } from "./py.ts";
import {
  PyNamespace,
  PyFloat,
  PyImage,
  equal,
  isSafe,
  isString,
  makeTuple,
  markSafe,
  num,
  pyTypeError,
  repr,
  text,
  fromIterable,
} from "./values.ts";
import { hasOwn, splitArgs } from "./arguments.ts";
import { stringMethods } from "./string-methods.ts";
// Attribute and item lookup as Jinja2 does it on Python values: str, list and dict methods, negative indexes,
// slices. Only own data is reachable: no JavaScript prototype member ever comes back from a lookup.

export function listMethods(list: Py) {
  return {
    append: (item: Py) => (list.push(item), null),
    extend: (items: Py) => (list.push(...fromIterable(items)), null),
    insert: (index: Py, item: Py) => (list.splice(num(index), 0, item), null),
    pop: (index: Py) => {
      if (list.length === 0) throw pyTypeError("pop from empty list");
      const at = index === undefined ? list.length - 1 : num(index) < 0 ? list.length + num(index) : num(index);
      if (at < 0 || at >= list.length) throw pyTypeError("pop index out of range");
      return list.splice(at, 1)[0];
    },
    remove: (item: Py) => {
      const at = list.findIndex((element: Py) => equal(element, item));
      if (at < 0) throw pyTypeError("list.remove(x): x not in list");
      list.splice(at, 1);
      return null;
    },
    index: (item: Py) => {
      const at = list.findIndex((element: Py) => equal(element, item));
      if (at < 0) throw pyTypeError("value is not in list");
      return at;
    },
    count: (item: Py) => list.filter((element: Py) => equal(element, item)).length,
    reverse: () => (list.reverse(), null),
    copy: () => list.slice(),
    clear: () => (list.splice(0), null),
  };
}

export function dictMethods(dict: Py) {
  return {
    items: () => Object.keys(dict).map((key: Py) => makeTuple([key, dict[key]])),
    keys: () => Object.keys(dict),
    values: () => Object.keys(dict).map((key: Py) => dict[key]),
    get: (key: Py, fallback: Py) =>
      hasOwn(dict, text(key)) ? dict[text(key)] : fallback === undefined ? null : fallback,
    copy: () => Object.assign({}, dict),
    update: (...args: Py[]) => {
      const { positional, keywords } = splitArgs(args);
      if (positional[0]) Object.assign(dict, positional[0]);
      Object.assign(dict, keywords);
      return null;
    },
    setdefault: (key: Py, fallback: Py) => {
      if (!hasOwn(dict, text(key))) dict[text(key)] = fallback === undefined ? null : fallback;
      return dict[text(key)];
    },
    pop: (key: Py, fallback: Py) => {
      if (!hasOwn(dict, text(key))) {
        if (fallback === undefined) throw pyTypeError("KeyError: " + repr(key));
        return fallback;
      }
      const value = dict[text(key)];
      delete dict[text(key)];
      return value;
    },
  };
}

function indexOf(length: Py, key: Py) {
  if (!Number.isInteger(key)) return -1;
  const at = key < 0 ? length + key : key;
  return at >= 0 && at < length ? at : -1;
}

function sliceOf(value: Py, start: Py, stop: Py, step: Py) {
  const isText = isString(value);
  const list = isText ? Array.from(text(value)) : Array.isArray(value) ? value : [];
  const by = step === null || step === undefined ? 1 : num(step);
  if (by === 0) throw pyTypeError("slice step cannot be zero");
  const length = list.length;
  const clamp = (index: Py, fallback: Py) => {
    if (index === null || index === undefined) return fallback;
    let at = num(index);
    if (at < 0) at += length;
    return by > 0 ? Math.min(Math.max(at, 0), length) : Math.min(Math.max(at, -1), length - 1);
  };
  const from = clamp(start, by > 0 ? 0 : length - 1);
  const to = clamp(stop, by > 0 ? length : -1);
  const out = [];
  for (let i = from; by > 0 ? i < to : i > to; i += by) out.push(list[i]);
  return isText ? (isSafe(value) ? markSafe(out.join("")) : out.join("")) : out;
}

/** `obj.key` and `obj[key]`: own data, Python's methods for str, list and dict, negative indexes, slices. */
export function memberLookup(obj: Py, key: Py, ...slice: Py[]) {
  // A slice arrives as (obj, start, stop, step).
  if (slice.length === 2) return sliceOf(obj, key, slice[0], slice[1]);
  if (obj === undefined || obj === null) return undefined;
  if (key instanceof PyFloat) return undefined;
  if (obj instanceof PyImage) {
    if (hasOwn(obj, key)) return (obj as Py)[key];
    return memberLookup(obj.src, key);
  }
  if (isString(obj)) {
    const value = text(obj);
    if (typeof key === "number") {
      const list = Array.from(value);
      const at = indexOf(list.length, key);
      return at < 0 ? undefined : list[at];
    }
    const methods = stringMethods(value, obj);
    return hasOwn(methods, key) ? (methods as Py)[key] : undefined;
  }
  if (Array.isArray(obj)) {
    if (typeof key === "number") {
      const at = indexOf(obj.length, key);
      return at < 0 ? undefined : obj[at];
    }
    if (key !== "length" && hasOwn(obj, key) && !/^\d+$/.test(key)) return obj[key];
    const methods = listMethods(obj);
    return hasOwn(methods, key) ? (methods as Py)[key] : undefined;
  }
  if (typeof obj === "function") return undefined;
  if (typeof obj !== "object") return undefined;
  if (hasOwn(obj, String(key))) return obj[String(key)];
  if (obj instanceof PyNamespace || obj.__pyObject) return undefined;
  const methods = dictMethods(obj);
  return hasOwn(methods, key) ? (methods as Py)[key] : undefined;
}
