// Jinja2's tests and globals, loop helpers, and the install step that puts the whole layer on an Environment.

function PyNamespace(values) {
  Object.assign(this, values);
}

function installTests(env) {
  const test = (name, fn) => env.addTest(name, fn);
  const integer = (value) => typeof value === "number" && Number.isInteger(value);
  test("boolean", (value) => value === true || value === false);
  test("callable", (value) => typeof value === "function");
  test("defined", (value) => value !== undefined);
  test("undefined", (value) => value === undefined);
  test("divisibleby", (value, by) => num(value) % num(by) === 0);
  for (const name of ["eq", "equalto", "=="]) test(name, (value, other) => equal(value, other));
  test("ne", (value, other) => !equal(value, other));
  test("!=", (value, other) => !equal(value, other));
  for (const [names, op] of [
    [["lt", "lessthan", "<"], "<"],
    [["le", "<="], "<="],
    [["gt", "greaterthan", ">"], ">"],
    [["ge", ">="], ">="],
  ]) {
    for (const name of names) test(name, (value, other) => compare(value, op, other));
  }
  test("escaped", isSafe);
  test("even", (value) => num(value) % 2 === 0);
  test("odd", (value) => Math.abs(num(value) % 2) === 1);
  test("false", (value) => value === false);
  test("true", (value) => value === true);
  test("none", (value) => value === null);
  test("filter", (value) => hasFilter(env, text(value)));
  test("test", (value) => hasTest(env, text(value)));
  test("float", (value) => value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value)));
  test("integer", integer);
  test("number", (value) => isNumber(value));
  test("in", (value, container) => contains(container, value));
  test("iterable", (value) => isString(value) || Array.isArray(value) || isMapping(value));
  test("sequence", (value) => isString(value) || Array.isArray(value) || isMapping(value));
  test("mapping", (value) => isMapping(value) && !(value instanceof PyNamespace) && !value.__pyObject);
  test("string", (value) => isString(value));
  test("lower", (value) => isString(value) && stringMethods(text(value), value).islower());
  test("upper", (value) => isString(value) && stringMethods(text(value), value).isupper());
  test("sameas", (value, other) => value === other);
}

function pyRange(...args) {
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

function pyObject(fields) {
  Object.defineProperty(fields, "__pyObject", { value: true });
  return fields;
}

function installGlobals(env) {
  env.addGlobal("range", pyRange);
  env.addGlobal("dict", (...args) => {
    const { positional, keywords } = splitArgs(args);
    return Object.assign({}, positional[0] || {}, keywords);
  });
  env.addGlobal("namespace", (...args) => {
    const { positional, keywords } = splitArgs(args);
    return new PyNamespace(Object.assign({}, positional[0] || {}, keywords));
  });
  env.addGlobal("cycler", (...items) => {
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
  env.addGlobal("joiner", (separator) => {
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

const PY_CONSTANTS = { True: true, False: false, None: null, true: true, false: false, none: null };

function installRuntime() {
  runtime.py = {
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
    or: (left, right) => (truthy(left) ? left : right()),
    and: (left, right) => (truthy(left) ? right() : left),
    choose: (cond, body, otherwise) => (truthy(cond) ? body() : otherwise()),
    captured: (output) => markSafe(output),
    recursiveLoop: (walk, depth) => {
      const loop = {};
      Object.defineProperty(loop, "__pyCall", { value: (items) => markSafe(walk(items, depth + 1)) });
      return loop;
    },
    macroVarargs: (kwargs) => (kwargs && kwargs.__varargs) || [],
    macroKwargs: (kwargs, declared) => {
      const extra = {};
      for (const key of Object.keys(kwargs || {})) {
        if (key !== "__keywords" && key !== "caller" && !declared.includes(key)) extra[key] = kwargs[key];
      }
      return extra;
    },
    freshIteration: (frame, names) => {
      for (const key of Object.keys(frame.variables))
        if (key !== "loop" && !names.includes(key)) delete frame.variables[key];
    },
    loopFilter: (items, keep) => fromIterable(items).filter((item) => keep(item)),
    loopCycle:
      (index) =>
      (...items) =>
        items[index % items.length],
    loopChanged:
      (state) =>
      (...values) => {
        if (state.seen && equal(state.last, values)) return false;
        state.seen = true;
        state.last = values;
        return true;
      },
    unpack: (value, count) => {
      const items = fromIterable(value);
      if (items.length !== count) throw pyTypeError("cannot unpack " + items.length + " values into " + count);
      return items;
    },
    setAttribute: (target, key, value) => {
      if (!(target instanceof PyNamespace)) throw pyTypeError("cannot assign attribute on non-namespace object");
      target[text(key)] = value;
    },
  };
  // Extra positional arguments ride to the macro on its keyword-arguments object (Nunjucks drops them).
  const makeMacro = runtime.makeMacro;
  runtime.makeMacro = (argNames, kwargNames, body) => {
    const macro = makeMacro(argNames, kwargNames, body);
    return function (...args) {
      const { positional, keywords } = splitArgs(args);
      const extra = positional.slice(argNames.length + kwargNames.length);
      const passed = positional.slice(0, argNames.length + kwargNames.length);
      const bag = runtime.makeKeywordArgs(Object.assign({}, keywords));
      Object.defineProperty(bag, "__varargs", { value: extra });
      return macro.apply(this, passed.concat([bag]));
    };
  };
  const callWrap = runtime.callWrap;
  runtime.callWrap = (target, name, context, args) =>
    target && typeof target === "object" && target.__pyCall
      ? target.__pyCall(...args)
      : callWrap(target, name, context, args);
  runtime.memberLookup = memberLookup;
  runtime.inOperator = (item, container) => contains(container, item);
  runtime.fromIterator = fromIterable;
  runtime.suppressValue = (value, autoescape) => {
    if (value instanceof runtime.SafeString) return value.val;
    const printed = str(value);
    return autoescape ? escapeText(printed) : printed;
  };
  runtime.contextOrFrameLookup = (context, frame, name) => {
    const local = frame.lookup(name);
    if (local !== undefined) return local;
    if (hasOwn(context.ctx, name)) return context.ctx[name];
    if (hasOwn(context.env.globals, name)) return context.env.globals[name];
    return hasOwn(PY_CONSTANTS, name) ? PY_CONSTANTS[name] : undefined;
  };
}

/** The Jinja2 layer on a fresh Environment (autoescape on, as for every card), plus the data as Python sees it. */
function createJinjaEnvironment() {
  nunjucks.installJinjaCompat();
  installRuntime();
  installSyntax();
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
function jinjaData(data) {
  const images = (data.images || []).map((image) => new PyImage(image));
  return Object.assign({}, data, { images });
}
