import type { Py } from "./py.ts";
import { hasFilter, hasTest } from "./check.ts";
import { installFilters } from "./filters.ts";
import { hasOwn, splitArgs } from "./arguments.ts";
import { memberLookup } from "./methods.ts";
import { stringMethods } from "./string-methods.ts";
import { extendNunjucks, nunjucks, patchNunjucks, runtime } from "./nunjucks-adapter.ts";
import { add, concat, divide, floorDivide, modulo, multiply, negate, power, subtract } from "./operators.ts";
import { installSyntax } from "./syntax.ts";
import {
  PyNamespace,
  PyFloat,
  PyImage,
  compare,
  contains,
  equal,
  escapeText,
  floatOf,
  isMapping,
  isNumber,
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
// Jinja2's tests and globals, loop helpers, and the install step that puts the whole layer on an Environment.

function installTests(env: Py) {
  const test = (name: Py, fn: Py) => env.addTest(name, fn);
  const integer = (value: Py) => typeof value === "number" && Number.isInteger(value);
  test("boolean", (value: Py) => value === true || value === false);
  test("callable", (value: Py) => typeof value === "function");
  test("defined", (value: Py) => value !== undefined);
  test("undefined", (value: Py) => value === undefined);
  test("divisibleby", (value: Py, by: Py) => num(value) % num(by) === 0);
  for (const name of ["eq", "equalto", "=="]) test(name, (value: Py, other: Py) => equal(value, other));
  test("ne", (value: Py, other: Py) => !equal(value, other));
  test("!=", (value: Py, other: Py) => !equal(value, other));
  for (const [names, op] of [
    [["lt", "lessthan", "<"], "<"],
    [["le", "<="], "<="],
    [["gt", "greaterthan", ">"], ">"],
    [["ge", ">="], ">="],
  ]) {
    for (const name of names) test(name, (value: Py, other: Py) => compare(value, op, other));
  }
  test("escaped", isSafe);
  test("even", (value: Py) => num(value) % 2 === 0);
  test("odd", (value: Py) => Math.abs(num(value) % 2) === 1);
  test("false", (value: Py) => value === false);
  test("true", (value: Py) => value === true);
  test("none", (value: Py) => value === null);
  test("filter", (value: Py) => hasFilter(env, text(value)));
  test("test", (value: Py) => hasTest(env, text(value)));
  test("float", (value: Py) => value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value)));
  test("integer", integer);
  test("number", (value: Py) => isNumber(value));
  test("in", (value: Py, container: Py) => contains(container, value));
  test("iterable", (value: Py) => isString(value) || Array.isArray(value) || isMapping(value));
  test("sequence", (value: Py) => isString(value) || Array.isArray(value) || isMapping(value));
  test("mapping", (value: Py) => isMapping(value) && !(value instanceof PyNamespace) && !value.__pyObject);
  test("string", (value: Py) => isString(value));
  test("lower", (value: Py) => isString(value) && stringMethods(text(value), value).islower());
  test("upper", (value: Py) => isString(value) && stringMethods(text(value), value).isupper());
  test("sameas", (value: Py, other: Py) => value === other);
}

function pyRange(...args: Py[]) {
  const [start, stop, step] =
    args.length === 1 ? [0, num(args[0]), 1] : [num(args[0]), num(args[1]), args[2] === undefined ? 1 : num(args[2])];
  if (step === 0) throw pyTypeError("range() arg 3 must not be zero");
  const out = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 10000000) throw pyTypeError("range() is too long for a card (over 10 million numbers)");
  }
  return out;
}

function pyObject(fields: Py) {
  Object.defineProperty(fields, "__pyObject", { value: true });
  return fields;
}

function installGlobals(env: Py) {
  env.addGlobal("range", pyRange);
  env.addGlobal("dict", (...args: Py[]) => {
    const { positional, keywords } = splitArgs(args);
    return Object.assign({}, positional[0] || {}, keywords);
  });
  env.addGlobal("namespace", (...args: Py[]) => {
    const { positional, keywords } = splitArgs(args);
    return new PyNamespace(Object.assign({}, positional[0] || {}, keywords));
  });
  env.addGlobal("cycler", (...items: Py[]) => {
    let at = 0;
    const cycler = pyObject({
      next: () => {
        const item = items[at];
        at = (at + 1) % items.length;
        return item;
      },
      reset: () => {
        at = 0;
        return null;
      },
    });
    Object.defineProperty(cycler, "current", { get: () => items[at], enumerable: true });
    return cycler;
  });
  env.addGlobal("joiner", (separator: Py) => {
    let used = false;
    return () => {
      if (!used) {
        used = true;
        return "";
      }
      return separator === undefined ? ", " : separator;
    };
  });
  env.addGlobal("lipsum", () => markSafe("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>"));
}

const PY_CONSTANTS: Record<string, Py> = { True: true, False: false, None: null, true: true, false: false, none: null };

function installRuntime() {
  extendNunjucks("runtime", "py", {
    truthy,
    floatOf,
    makeTuple,
    add,
    subtract,
    multiply,
    divide,
    floorDivide,
    modulo,
    power,
    negate,
    concat,
    compare,
    or: (left: Py, right: Py) => (truthy(left) ? left : right()),
    and: (left: Py, right: Py) => (truthy(left) ? right() : left),
    choose: (cond: Py, body: Py, otherwise: Py) => (truthy(cond) ? body() : otherwise()),
    captured: (output: Py) => markSafe(output),
    recursiveLoop: (walk: Py, depth: Py) => {
      const loop = {};
      Object.defineProperty(loop, "__pyCall", { value: (items: Py) => markSafe(walk(items, depth + 1)) });
      return loop;
    },
    macroVarargs: (kwargs: Py) => (kwargs && kwargs.__varargs) || [],
    macroKwargs: (kwargs: Py, declared: Py) => {
      const extra: Record<string, Py> = {};
      for (const key of Object.keys(kwargs || {})) {
        if (key !== "__keywords" && key !== "caller" && !declared.includes(key)) extra[key] = kwargs[key];
      }
      return extra;
    },
    freshIteration: (frame: Py, names: Py) => {
      for (const key of Object.keys(frame.variables))
        if (key !== "loop" && !names.includes(key)) delete frame.variables[key];
    },
    loopFilter: (items: Py, keep: Py) => fromIterable(items).filter((item: Py) => keep(item)),
    loopCycle:
      (index: Py) =>
      (...items: Py[]) =>
        items[index % items.length],
    loopChanged:
      (state: Py) =>
      (...values: Py[]) => {
        if (state.seen && equal(state.last, values)) return false;
        state.seen = true;
        state.last = values;
        return true;
      },
    unpack: (value: Py, count: Py) => {
      const items = fromIterable(value);
      if (items.length !== count) throw pyTypeError("cannot unpack " + items.length + " values into " + count);
      return items;
    },
    setAttribute: (target: Py, key: Py, value: Py) => {
      if (!(target instanceof PyNamespace)) throw pyTypeError("cannot assign attribute on non-namespace object");
      (target as Py)[text(key)] = value;
    },
  });
  // Extra positional arguments ride to the macro on its keyword-arguments object (Nunjucks drops them).
  const makeMacro = runtime.makeMacro;
  patchNunjucks("runtime", "makeMacro", (argNames: Py, kwargNames: Py, body: Py) => {
    const macro = makeMacro(argNames, kwargNames, body);
    return function (this: Py, ...args: Py[]) {
      const { positional, keywords } = splitArgs(args);
      const extra = positional.slice(argNames.length + kwargNames.length);
      const passed = positional.slice(0, argNames.length + kwargNames.length);
      const bag = runtime.makeKeywordArgs(Object.assign({}, keywords));
      Object.defineProperty(bag, "__varargs", { value: extra });
      return macro.apply(this, passed.concat([bag]));
    };
  });
  const callWrap = runtime.callWrap;
  patchNunjucks("runtime", "callWrap", (target: Py, name: Py, context: Py, args: Py) =>
    target && typeof target === "object" && target.__pyCall
      ? target.__pyCall(...args)
      : callWrap(target, name, context, args),
  );
  patchNunjucks("runtime", "memberLookup", memberLookup);
  patchNunjucks("runtime", "inOperator", (item: Py, container: Py) => contains(container, item));
  patchNunjucks("runtime", "fromIterator", fromIterable);
  patchNunjucks("runtime", "suppressValue", (value: Py, autoescape: Py) => {
    if (value instanceof runtime.SafeString) return value.val;
    const printed = str(value);
    return autoescape ? escapeText(printed) : printed;
  });
  patchNunjucks("runtime", "contextOrFrameLookup", (context: Py, frame: Py, name: Py) => {
    const local = frame.lookup(name);
    if (local !== undefined) return local;
    if (hasOwn(context.ctx, name)) return context.ctx[name];
    if (hasOwn(context.env.globals, name)) return context.env.globals[name];
    return hasOwn(PY_CONSTANTS, name) ? PY_CONSTANTS[name] : undefined;
  });
}

let installed = false;

/** The Jinja2 layer on a fresh Environment (autoescape on, as for every card), plus the data as Python sees it. */
export function createJinjaEnvironment() {
  // Once per sandbox context: the patches call through to what Nunjucks had, not to themselves.
  if (!installed) {
    nunjucks.installJinjaCompat();
    installRuntime();
    installSyntax();
    installed = true;
  }
  const env = new nunjucks.Environment([], { autoescape: true, throwOnUndefined: false });
  // Filters and tests by name are own entries only: `map("constructor")` must not find Object.
  for (const kind of ["filters", "tests"]) {
    const table = env[kind];
    env[kind] = Object.assign(Object.create(null), table);
  }
  installFilters(env);
  installTests(env);
  installGlobals(env);
  return env;
}

/** Card data as Jinja2 templates expect it: images print as their paths and keep src/width/height/index. */
export function jinjaData(data: Py) {
  const images = (data.images || []).map((image: Py) => new PyImage(image));
  return Object.assign({}, data, { images });
}
