import type { Py } from "./py.ts";
import { runtime } from "./nunjucks-adapter.ts";
// Python's values as Jinja2 sees them, for the template sandbox.
// Floats are boxed (PyFloat) so 55.0 prints "55.0" and 12.5|round prints "12.0" as in Python.

export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  valueOf() {
    return this.value;
  }
  toString() {
    return floatRepr(this.value);
  }
}

/** `namespace(...)`: the one object a template may assign attributes on (`{% set ns.x = … %}`). */
export class PyNamespace {
  constructor(values: Py) {
    Object.assign(this, values);
  }
}

/** A card image: prints and compares as its path (the original passed paths), with src/width/height/index. */
export class PyImage {
  readonly src: string;
  readonly width: Py;
  readonly height: Py;
  readonly index: Py;
  constructor(image: Py) {
    this.src = String(image.src);
    this.width = image.width;
    this.height = image.height;
    this.index = image.index;
  }
  toString() {
    return this.src;
  }
}

export const floatOf = (value: Py) => new PyFloat(Number(value));
export const isFloat = (value: Py) =>
  value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
export const isNumber = (value: Py) =>
  typeof value === "number" || value instanceof PyFloat || typeof value === "boolean";
export const isString = (value: Py) =>
  typeof value === "string" || value instanceof PyImage || value instanceof runtime.SafeString;
export const isSafe = (value: Py) => value instanceof runtime.SafeString;
export const isMapping = (value: Py) =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  !isString(value) &&
  !(value instanceof PyFloat);
export const num = (value: Py) => (value instanceof PyFloat ? value.value : Number(value));
export const chars = (text: Py) => Array.from(text);
export const markSafe = (text: Py) => new runtime.SafeString(text);
/** The plain text of a string-like value (str, Markup, an image path). */
export const text = (value: Py) => (value instanceof runtime.SafeString ? value.val : String(value));
export const makeTuple = (items: Py) => {
  Object.defineProperty(items, "__tuple", { value: true });
  return items;
};

function floatRepr(value: Py) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e16 || magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split("e");
    const sign = exponent[0] === "-" ? "-" : "+";
    const digits = exponent.replace(/^[+-]/, "");
    return mantissa + "e" + sign + (digits.length < 2 ? "0" + digits : digits);
  }
  const plain = String(value);
  return Number.isInteger(value) ? plain + ".0" : plain;
}

/** Python's truth: empty strings, lists, dicts, 0, 0.0, None, False and undefined are false. */
export function truthy(value: Py) {
  if (value === undefined || value === null || value === false) return false;
  if (value === true) return true;
  if (typeof value === "number") return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof runtime.SafeString) return value.val.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "function") return true;
  if (isMapping(value) && value.constructor === Object) return Object.keys(value).length > 0;
  return true;
}

function stringRepr(value: Py) {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)
      out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
    else out += ch;
  }
  return quote + out + quote;
}

/** Python's repr(), as lists and dicts print their items (with sorted keys, pprint's way). */
export function repr(value: Py, sortKeys?: Py): string {
  if (value instanceof runtime.SafeString) return "Markup(" + stringRepr(value.val) + ")";
  if (typeof value === "string" || value instanceof PyImage) return stringRepr(String(value));
  if (Array.isArray(value)) {
    const items = value.map((item: Py) => repr(item, sortKeys));
    if ((value as Py).__tuple) return "(" + items.join(", ") + (items.length === 1 ? ",)" : ")");
    return "[" + items.join(", ") + "]";
  }
  if (isMapping(value) && !(value instanceof PyNamespace) && !value.__pyObject) {
    const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
    return "{" + keys.map((key: Py) => stringRepr(key) + ": " + repr(value[key], sortKeys)).join(", ") + "}";
  }
  return str(value);
}

/** Python's str(). */
export function str(value: Py): string {
  if (value === undefined) return "";
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  if (value instanceof runtime.SafeString) return value.val;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : floatRepr(value);
  if (value instanceof PyFloat || value instanceof PyImage) return value.toString();
  if (Array.isArray(value) || (isMapping(value) && value.constructor === Object)) return repr(value);
  if (value instanceof PyNamespace) return "<Namespace " + repr(Object.assign({}, value)) + ">";
  return String(value);
}

/** MarkupSafe's escape(): the five characters, with the numeric references Jinja2 prints. */
export function escapeText(value: Py) {
  return value.replace(/[&<>"']/g, (ch: Py) => ESCAPES[ch]);
}
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
/** escape(): Markup stays as it is, everything else is printed (str) and escaped. */
export const escapeValue = (value: Py) =>
  value instanceof runtime.SafeString ? value : markSafe(escapeText(str(value)));

export function equal(left: Py, right: Py): boolean {
  if (left === right) return true;
  if (left === undefined || right === undefined) return false;
  if (left === null || right === null) return false;
  if (isNumber(left) && isNumber(right)) return num(left) === num(right);
  if (isString(left) && isString(right)) return text(left) === text(right);
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item: Py, i: Py) => equal(item, right[i]));
  }
  if (isMapping(left) && isMapping(right) && left.constructor === Object && right.constructor === Object) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length && keys.every((key: Py) => key in right && equal(left[key], right[key]))
    );
  }
  return false;
}

export function typeName(value: Py) {
  if (value === undefined) return "Undefined";
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (isFloat(value)) return "float";
  if (typeof value === "number") return "int";
  if (isString(value)) return "str";
  if (Array.isArray(value)) return (value as Py).__tuple ? "tuple" : "list";
  return "dict";
}

export function pyTypeError(message: Py) {
  return new Error(message);
}

export function compare(left: Py, op: Py, right: Py) {
  if (op === "==") return equal(left, right);
  if (op === "!=") return !equal(left, right);
  let a = left;
  let b = right;
  if (isNumber(a) && isNumber(b)) {
    a = num(a);
    b = num(b);
  } else if (isString(a) && isString(b)) {
    a = text(a);
    b = text(b);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (!equal(a[i], b[i])) return compare(a[i], op, b[i]);
    }
    a = a.length;
    b = b.length;
  } else {
    throw pyTypeError(
      "'" + op + "' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'",
    );
  }
  if (op === "<") return a < b;
  if (op === ">") return a > b;
  if (op === "<=") return a <= b;
  if (op === ">=") return a >= b;
  throw pyTypeError("unknown comparison " + op);
}

export function contains(container: Py, item: Py) {
  if (container === undefined || container === null) throw pyTypeError("argument of type 'NoneType' is not iterable");
  if (isString(container)) return text(container).includes(text(item));
  if (Array.isArray(container)) return container.some((element: Py) => equal(element, item));
  if (isMapping(container)) return Object.prototype.hasOwnProperty.call(container, text(item));
  throw pyTypeError("argument of type '" + typeName(container) + "' is not iterable");
}

/** The items a for loop walks: a list as is, a dict's keys, a string's characters. */
export function fromIterable(value: Py) {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isString(value)) return Array.from(text(value));
  if (typeof value === "object" && !(value instanceof PyFloat)) return Object.keys(value);
  throw pyTypeError("'" + typeName(value) + "' object is not iterable");
}
