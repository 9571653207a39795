// Python's values as Jinja2 sees them, for the template sandbox (plain JavaScript, no imports: these files are
// joined inside the sandbox's install function, where `nunjucks`, `runtime` and `nodes` are in scope).
// Floats are boxed (PyFloat) so 55.0 prints "55.0" and 12.5|round prints "12.0" as in Python.

function PyFloat(value) {
  this.value = value;
}
PyFloat.prototype.valueOf = function () {
  return this.value;
};
PyFloat.prototype.toString = function () {
  return floatRepr(this.value);
};

/** A card image: prints and compares as its path (the original passed paths), with src/width/height/index. */
function PyImage(image) {
  this.src = String(image.src);
  this.width = image.width;
  this.height = image.height;
  this.index = image.index;
}
PyImage.prototype.toString = function () {
  return this.src;
};

const floatOf = (value) => new PyFloat(Number(value));
const isFloat = (value) => value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
const isNumber = (value) => typeof value === "number" || value instanceof PyFloat || typeof value === "boolean";
const isString = (value) =>
  typeof value === "string" || value instanceof PyImage || value instanceof runtime.SafeString;
const isSafe = (value) => value instanceof runtime.SafeString;
const isMapping = (value) =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  !isString(value) &&
  !(value instanceof PyFloat);
const num = (value) => (value instanceof PyFloat ? value.value : Number(value));
const chars = (text) => Array.from(text);
const markSafe = (text) => new runtime.SafeString(text);
/** The plain text of a string-like value (str, Markup, an image path). */
const text = (value) => (value instanceof runtime.SafeString ? value.val : String(value));
const makeTuple = (items) => {
  Object.defineProperty(items, "__tuple", { value: true });
  return items;
};

function floatRepr(value) {
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
function truthy(value) {
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

function stringRepr(value) {
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
function repr(value, sortKeys) {
  if (value instanceof runtime.SafeString) return "Markup(" + stringRepr(value.val) + ")";
  if (typeof value === "string" || value instanceof PyImage) return stringRepr(String(value));
  if (Array.isArray(value)) {
    const items = value.map((item) => repr(item, sortKeys));
    if (value.__tuple) return "(" + items.join(", ") + (items.length === 1 ? ",)" : ")");
    return "[" + items.join(", ") + "]";
  }
  if (isMapping(value) && !(value instanceof PyNamespace) && !value.__pyObject) {
    const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
    return "{" + keys.map((key) => stringRepr(key) + ": " + repr(value[key], sortKeys)).join(", ") + "}";
  }
  return str(value);
}

/** Python's str(). */
function str(value) {
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
function escapeText(value) {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
/** escape(): Markup stays as it is, everything else is printed (str) and escaped. */
const escapeValue = (value) => (value instanceof runtime.SafeString ? value : markSafe(escapeText(str(value))));

function equal(left, right) {
  if (left === right) return true;
  if (left === undefined || right === undefined) return false;
  if (left === null || right === null) return false;
  if (isNumber(left) && isNumber(right)) return num(left) === num(right);
  if (isString(left) && isString(right)) return text(left) === text(right);
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => equal(item, right[i]));
  }
  if (isMapping(left) && isMapping(right) && left.constructor === Object && right.constructor === Object) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length && keys.every((key) => key in right && equal(left[key], right[key]))
    );
  }
  return false;
}

function typeName(value) {
  if (value === undefined) return "Undefined";
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (isFloat(value)) return "float";
  if (typeof value === "number") return "int";
  if (isString(value)) return "str";
  if (Array.isArray(value)) return value.__tuple ? "tuple" : "list";
  return "dict";
}

function pyTypeError(message) {
  return new Error(message);
}

function compare(left, op, right) {
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

function contains(container, item) {
  if (container === undefined || container === null) throw pyTypeError("argument of type 'NoneType' is not iterable");
  if (isString(container)) return text(container).includes(text(item));
  if (Array.isArray(container)) return container.some((element) => equal(element, item));
  if (isMapping(container)) return Object.prototype.hasOwnProperty.call(container, text(item));
  throw pyTypeError("argument of type '" + typeName(container) + "' is not iterable");
}
