import type { Py } from "./py.ts";
import { runtime } from "./nunjucks-adapter.ts";
import {
  chars,
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
  typeName,
} from "./values.ts";
// Python's operators and string formatting (`%` and str.format) for the Jinja2 layer.

const bothNumbers = (a: Py, b: Py) => isNumber(a) && isNumber(b);
const numberResult = (a: Py, b: Py, value: Py) => (isFloat(a) || isFloat(b) ? floatOf(value) : value);

export function add(a: Py, b: Py) {
  if (bothNumbers(a, b)) return numberResult(a, b, num(a) + num(b));
  if (isSafe(a) || isSafe(b)) {
    if (isString(a) && isString(b)) return markSafe(text(escapeValue(a)) + text(escapeValue(b)));
  }
  if (isString(a) && isString(b)) return text(a) + text(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  throw pyTypeError("unsupported operand type(s) for +: '" + typeName(a) + "' and '" + typeName(b) + "'");
}

export function subtract(a: Py, b: Py) {
  if (bothNumbers(a, b)) return numberResult(a, b, num(a) - num(b));
  throw pyTypeError("unsupported operand type(s) for -: '" + typeName(a) + "' and '" + typeName(b) + "'");
}

function repeat(sequence: Py, times: Py) {
  const count = Math.max(0, Math.trunc(num(times)));
  if (Array.isArray(sequence)) {
    let out: Py[] = [];
    for (let i = 0; i < count; i++) out = out.concat(sequence);
    return out;
  }
  const repeated = text(sequence).repeat(count);
  return isSafe(sequence) ? markSafe(repeated) : repeated;
}

export function multiply(a: Py, b: Py) {
  if (bothNumbers(a, b)) return numberResult(a, b, num(a) * num(b));
  if ((isString(a) || Array.isArray(a)) && isNumber(b) && !isFloat(b)) return repeat(a, b);
  if ((isString(b) || Array.isArray(b)) && isNumber(a) && !isFloat(a)) return repeat(b, a);
  throw pyTypeError("unsupported operand type(s) for *: '" + typeName(a) + "' and '" + typeName(b) + "'");
}

export function divide(a: Py, b: Py) {
  if (!bothNumbers(a, b))
    throw pyTypeError("unsupported operand type(s) for /: '" + typeName(a) + "' and '" + typeName(b) + "'");
  if (num(b) === 0) throw pyTypeError("division by zero");
  return floatOf(num(a) / num(b));
}

export function floorDivide(a: Py, b: Py) {
  if (!bothNumbers(a, b))
    throw pyTypeError("unsupported operand type(s) for //: '" + typeName(a) + "' and '" + typeName(b) + "'");
  if (num(b) === 0) throw pyTypeError("integer division or modulo by zero");
  return numberResult(a, b, Math.floor(num(a) / num(b)));
}

export function modulo(a: Py, b: Py) {
  if (isString(a)) return percentFormat(a, b);
  if (!bothNumbers(a, b))
    throw pyTypeError("unsupported operand type(s) for %: '" + typeName(a) + "' and '" + typeName(b) + "'");
  if (num(b) === 0) throw pyTypeError("integer division or modulo by zero");
  const x = num(a);
  const y = num(b);
  return numberResult(a, b, ((x % y) + y) % y);
}

export function power(a: Py, b: Py) {
  if (!bothNumbers(a, b))
    throw pyTypeError("unsupported operand type(s) for **: '" + typeName(a) + "' and '" + typeName(b) + "'");
  const value = Math.pow(num(a), num(b));
  return isFloat(a) || isFloat(b) || num(b) < 0 ? floatOf(value) : value;
}

export function negate(a: Py) {
  if (!isNumber(a)) throw pyTypeError("bad operand type for unary -: '" + typeName(a) + "'");
  return isFloat(a) ? floatOf(-num(a)) : -num(a);
}

/** `~`: both sides printed; with Markup on either side the other is escaped (Jinja2's markup_join). */
export function concat(a: Py, b: Py) {
  if (isSafe(a) || isSafe(b)) return markSafe(text(escapeValue(a)) + text(escapeValue(b)));
  return str(a) + str(b);
}

function padded(body: Py, spec: Py, numeric: Py) {
  const width = spec.width || 0;
  if (body.length >= width) return body;
  if (spec.flags.includes("-")) return body + " ".repeat(width - body.length);
  if (numeric && spec.flags.includes("0")) {
    const sign = /^[+\- ]/.test(body) ? body[0] : "";
    return sign + "0".repeat(width - body.length) + body.slice(sign.length);
  }
  return " ".repeat(width - body.length) + body;
}

function signed(body: Py, value: Py, flags: Py) {
  if (value < 0 || Object.is(value, -0)) return body;
  if (flags.includes("+")) return "+" + body;
  if (flags.includes(" ")) return " " + body;
  return body;
}

function generalFormat(value: Py, precision: Py, upper: Py, alternate: Py) {
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return alternate ? (0).toFixed(p - 1) : "0";
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toExponential(p - 1)))));
  let body;
  if (exponent < -4 || exponent >= p) body = exponentFormat(value, p - 1, upper);
  else body = value.toFixed(Math.max(0, p - 1 - exponent));
  if (!alternate && body.includes(".")) body = body.replace(/(\.\d*?)0+(e|E|$)/, "$1$2").replace(/\.(e|E|$)/, "$1");
  return body;
}

function exponentFormat(value: Py, precision: Py, upper: Py) {
  const [mantissa, exponent] = value.toExponential(precision).split("e");
  const digits = exponent.replace(/^[+-]/, "");
  const body = mantissa + "e" + (exponent[0] === "-" ? "-" : "+") + (digits.length < 2 ? "0" + digits : digits);
  return upper ? body.toUpperCase() : body;
}

/** One printf-style conversion, as Python's `%` does it. */
function convertOne(spec: Py, value: Py, markup: Py) {
  const conversion = spec.conversion;
  // A Markup format string escapes what it takes in, as MarkupSafe's % does.
  const shown = (printed: Py) => {
    const cut = spec.precision === undefined ? printed : Array.from(printed).slice(0, spec.precision).join("");
    return markup && !isSafe(value) ? escapeText(cut) : cut;
  };
  if (conversion === "s") return padded(shown(str(value)), spec, false);
  if (conversion === "r" || conversion === "a") return padded(shown(repr(value)), spec, false);
  if (conversion === "c")
    return padded(typeof value === "number" ? String.fromCodePoint(value) : text(value), spec, false);
  if (!isNumber(value))
    throw pyTypeError("%" + conversion + " format: a real number is required, not " + typeName(value));
  const number = num(value);
  let body;
  if ("diu".includes(conversion)) body = String(Math.trunc(Math.abs(number)));
  else if (conversion === "x" || conversion === "X") body = Math.trunc(Math.abs(number)).toString(16);
  else if (conversion === "o") body = Math.trunc(Math.abs(number)).toString(8);
  else if (conversion === "f" || conversion === "F") body = Math.abs(number).toFixed(spec.precision ?? 6);
  else if (conversion === "e" || conversion === "E")
    body = exponentFormat(Math.abs(number), spec.precision ?? 6, conversion === "E");
  else if (conversion === "g" || conversion === "G") {
    body = generalFormat(Math.abs(number), spec.precision ?? 6, conversion === "G", spec.flags.includes("#"));
  } else throw pyTypeError("unsupported format character '" + conversion + "'");
  if (conversion === "X") body = body.toUpperCase();
  if ("diuxXo".includes(conversion) && spec.precision !== undefined) body = body.padStart(spec.precision, "0");
  if (spec.flags.includes("#") && (conversion === "x" || conversion === "X")) body = "0" + conversion + body;
  if (spec.flags.includes("#") && conversion === "o") body = "0o" + body;
  return padded(signed(number < 0 ? "-" + body : body, number, spec.flags), spec, true);
}

const PERCENT_SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** Python's `text % values`: a tuple gives the positional values, a dict the named ones, anything else one value. */
export function percentFormat(template: Py, values: Py) {
  const positional = Array.isArray(values) && (values as Py).__tuple ? values.slice() : null;
  let next = 0;
  const take = () => {
    if (!positional) {
      if (next++ > 0) throw pyTypeError("not enough arguments for format string");
      return values;
    }
    if (next >= positional.length) throw pyTypeError("not enough arguments for format string");
    return positional[next++];
  };
  const out = text(template).replace(
    PERCENT_SPEC,
    (whole: Py, key: Py, flags: Py, width: Py, precision: Py, conversion: Py) => {
      if (conversion === "%") return "%";
      const spec: Py = { flags: flags || "", conversion };
      if (width === "*") spec.width = num(take());
      else if (width) spec.width = Number(width);
      if (precision === "*") spec.precision = num(take());
      else if (precision !== undefined) spec.precision = Number(precision || 0);
      const value = key !== undefined ? lookupKey(values, key) : take();
      return convertOne(spec, value, isSafe(template));
    },
  );
  if (positional && next < positional.length) throw pyTypeError("not all arguments converted during string formatting");
  if (!positional && next === 0 && !isMapping(values))
    throw pyTypeError("not all arguments converted during string formatting");
  return isSafe(template) ? markSafe(out) : out;
}

function lookupKey(values: Py, key: Py) {
  if (!isMapping(values) || !Object.prototype.hasOwnProperty.call(values, key))
    throw pyTypeError("KeyError: '" + key + "'");
  return values[key];
}

const FORMAT_SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** str.format's format spec (`{:>10}`, `{:.2f}`, `{:,}`) for one value. */
function formatSpec(value: Py, spec: Py) {
  if (spec === "") return str(value);
  const match = FORMAT_SPEC.exec(spec);
  if (!match) throw pyTypeError("Invalid format specifier");
  const [, fill = " ", align, sign = "-", , zero, width, grouping, precision, type] = match;
  let body;
  if (isNumber(value) && !isString(value)) {
    const number = num(value);
    const kind = type || (isFloat(value) ? "" : "d");
    if (kind === "d" || kind === "n") body = String(Math.trunc(Math.abs(number)));
    else if (kind === "f" || kind === "F")
      body = Math.abs(number).toFixed(precision === undefined ? 6 : Number(precision));
    else if (kind === "e" || kind === "E")
      body = exponentFormat(Math.abs(number), precision === undefined ? 6 : Number(precision), kind === "E");
    else if (kind === "%")
      body = (Math.abs(number) * 100).toFixed(precision === undefined ? 6 : Number(precision)) + "%";
    else if (kind === "x" || kind === "X" || kind === "o" || kind === "b") {
      body = Math.trunc(Math.abs(number)).toString({ x: 16, X: 16, o: 8, b: 2 }[kind]);
      if (kind === "X") body = body.toUpperCase();
    } else if (kind === "g" || kind === "G")
      body = generalFormat(Math.abs(number), precision === undefined ? 6 : Number(precision), kind === "G", false);
    else
      body =
        precision === undefined
          ? str(Math.abs(number) === number ? value : negate(value))
          : generalFormat(Math.abs(number), Number(precision), false, false);
    if (grouping) {
      const [whole, fraction] = body.split(".");
      body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (fraction !== undefined ? "." + fraction : "");
    }
    const signText = number < 0 ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
    const total = Number(width || 0);
    if (zero && !align) return signText + body.padStart(total - signText.length, "0");
    return aligned(signText + body, fill, align || ">", total);
  }
  body = str(value);
  if (precision !== undefined) body = chars(body).slice(0, Number(precision)).join("");
  return aligned(body, fill, align || "<", Number(width || 0));
}

export function aligned(body: Py, fill: Py, align: Py, width: Py) {
  const room = width - chars(body).length;
  if (room <= 0) return body;
  if (align === "<") return body + fill.repeat(room);
  if (align === "^") return fill.repeat(Math.floor(room / 2)) + body + fill.repeat(room - Math.floor(room / 2));
  return fill.repeat(room) + body;
}

/** Python's str.format with positional `{}`/`{0}`, named `{name}`, attribute/index access and a format spec. */
export function braceFormat(template: Py, args: Py, kwargs: Py) {
  let auto = 0;
  const out = text(template).replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole: Py, field: Py) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const [reference, ...rest] = field.split(":");
    const spec = rest.join(":");
    const [head, ...path] = reference.replace(/!([rsa])$/, "").split(/\.|\[/);
    let value = head === "" ? args[auto++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
    for (const step of path) value = runtime.memberLookup(value, step.replace(/\]$/, ""));
    if (/!r$/.test(reference)) return formatSpec(repr(value), spec);
    return formatSpec(value, spec);
  });
  return isSafe(template) ? markSafe(out) : out;
}
