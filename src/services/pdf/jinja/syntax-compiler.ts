import type { Py } from "./py.ts";
import { extendNunjucks, nodes, nunjucksTarget, patchNunjucks } from "./nunjucks-adapter.ts";
import { LoopFilter, PyCall, PyRaw, lazy, pyCall, raw, type Originals } from "./syntax-nodes.ts";

/** Python's semantics in Nunjucks' compiler: operators, truth, tuples, with, for … if, recursive loops, set. */
export function installCompilerSyntax(original: Originals) {
  const compile = nunjucksTarget("Compiler");
  patchNunjucks("Compiler", "assertType", function (this: Py, node: Py, ...rest: Py[]) {
    if (node instanceof PyCall || node instanceof PyRaw || node instanceof LoopFilter || node instanceof nodes.Capture)
      return;
    return original.assertType.call(this, node, ...rest);
  });

  extendNunjucks("Compiler", "compilePyRaw", function (this: Py, node: Py) {
    this._emit(node.code);
  });

  extendNunjucks("Compiler", "compilePyCall", function (this: Py, node: Py, frame: Py) {
    this._emit("runtime.py." + node.fn + "(");
    node.args.forEach((part: Py, i: Py) => {
      if (i > 0) this._emit(", ");
      if (part && part.lazy) {
        this._emit("function(){return ");
        this.compile(part.lazy, frame);
        this._emit(";}");
      } else if (typeof part === "string") {
        this._emit(JSON.stringify(part));
      } else {
        this.compile(part, frame);
      }
    });
    this._emit(")");
  });

  const binary = (fn: Py) =>
    function (this: Py, node: Py, frame: Py) {
      this.compile(pyCall(fn, [node.left, node.right], node), frame);
    };
  patchNunjucks("Compiler", "compileAdd", binary("add"));
  patchNunjucks("Compiler", "compileSub", binary("subtract"));
  patchNunjucks("Compiler", "compileMul", binary("multiply"));
  patchNunjucks("Compiler", "compileDiv", binary("divide"));
  patchNunjucks("Compiler", "compileFloorDiv", binary("floorDivide"));
  patchNunjucks("Compiler", "compileMod", binary("modulo"));
  patchNunjucks("Compiler", "compilePow", binary("power"));
  patchNunjucks("Compiler", "compileConcat", binary("concat"));
  patchNunjucks("Compiler", "compileNeg", function (this: Py, node: Py, frame: Py) {
    this.compile(pyCall("negate", [node.target], node), frame);
  });
  patchNunjucks("Compiler", "compileOr", function (this: Py, node: Py, frame: Py) {
    this.compile(pyCall("or", [node.left, lazy(node.right)], node), frame);
  });
  patchNunjucks("Compiler", "compileAnd", function (this: Py, node: Py, frame: Py) {
    this.compile(pyCall("and", [node.left, lazy(node.right)], node), frame);
  });
  patchNunjucks("Compiler", "compileNot", function (this: Py, node: Py, frame: Py) {
    this._emit("!");
    this.compile(pyCall("truthy", [node.target], node), frame);
  });
  patchNunjucks("Compiler", "compileInlineIf", function (this: Py, node: Py, frame: Py) {
    const otherwise = node.else_ ? lazy(node.else_) : lazy(raw("undefined", node));
    this.compile(pyCall("choose", [node.cond, lazy(node.body), otherwise], node), frame);
  });
  patchNunjucks("Compiler", "compileIf", function (this: Py, node: Py, frame: Py, async: Py) {
    if (!(node.cond instanceof PyCall)) node.cond = pyCall("truthy", [node.cond], node.cond);
    return original.compileIf.call(this, node, frame, async);
  });
  patchNunjucks("Compiler", "compileCompare", function (this: Py, node: Py, frame: Py) {
    let left = node.expr;
    this._emit("(");
    node.ops.forEach((op: Py, i: Py) => {
      if (i > 0) this._emit(" && ");
      this.compile(pyCall("compare", [left, op.type, op.expr], node), frame);
      left = op.expr;
    });
    this._emit(")");
  });
  patchNunjucks("Compiler", "compileGroup", function (this: Py, node: Py, frame: Py) {
    if (node.children.length === 1 && !node.isTuple) return this._compileAggregate(node, frame, "(", ")");
    this._emit("runtime.py.makeTuple(");
    this._compileAggregate(node, frame, "[", "]");
    this._emit(")");
  });
  patchNunjucks("Compiler", "compileLiteral", function (this: Py, node: Py, frame: Py) {
    if (!node.isFloat) return original.compileLiteral.call(this, node, frame);
    this._emit("runtime.py.floatOf(" + String(node.value) + ")");
  });

  // Jinja2 macros see extra positional arguments as `varargs` and undeclared keyword ones as `kwargs`.
  const compileMacro = compile._compileMacro;
  patchNunjucks("Compiler", "_compileMacro", function (this: Py, node: Py, frame: Py) {
    const names = node.body.findAll(nodes.Symbol).map((symbol: Py) => symbol.value);
    if (names.includes("varargs") || names.includes("kwargs")) {
      const declared = node.args.children.flatMap((arg: Py) =>
        arg instanceof nodes.Dict ? arg.children.map((pair: Py) => pair.key.value) : [arg.value],
      );
      const prelude = raw(
        'frame.set("varargs", runtime.py.macroVarargs(kwargs));' +
          'frame.set("kwargs", runtime.py.macroKwargs(kwargs, ' +
          JSON.stringify(declared) +
          "));\n",
        node,
      );
      node.body.children.unshift(prelude);
    }
    return compileMacro.call(this, node, frame);
  });

  extendNunjucks("Compiler", "compilePyWith", function (this: Py, node: Py, frame: Py) {
    const ids = node.values.map((value: Py) => {
      const id = this._tmpid();
      this._emit("var " + id + " = ");
      this.compile(value, frame);
      this._emitLine(";");
      return id;
    });
    const inner = frame.push();
    this._emitLine("frame = frame.push();");
    node.targets.forEach((target: Py, i: Py) => {
      inner.set(target.value, ids[i]);
      this._emitLine("frame.set(" + JSON.stringify(target.value) + ", " + ids[i] + ");");
    });
    this._pyScopes = (this._pyScopes || 0) + 1;
    this._withScopedSyntax(() => this.compile(node.body, inner));
    this._pyScopes--;
    this._emitLine("frame = frame.pop();");
  });

  extendNunjucks("Compiler", "compileLoopFilter", function (this: Py, node: Py, frame: Py) {
    const item = this._tmpid();
    const inner = frame.push();
    const names = node.name instanceof nodes.Array ? node.name.children : [node.name];
    this._emit("runtime.py.loopFilter(");
    this.compile(node.arr, frame);
    this._emit(", function(" + item + ") {");
    names.forEach((name: Py, i: Py) => {
      const id = this._tmpid();
      this._emit("var " + id + " = " + (names.length > 1 ? item + "[" + i + "]" : item) + ";");
      inner.set(name.value, id);
    });
    this._emit("return ");
    this.compile(pyCall("truthy", [node.cond], node), inner);
    this._emit(";}, " + (names.length > 1 ? "true" : "false") + ")");
  });

  // A recursive loop is a function of its items: `loop(children)` renders the body again one level deeper.
  function compileRecursiveFor(this: Py, node: Py, frame: Py) {
    const items = this._tmpid();
    const walk = this._tmpid();
    const depth = this._tmpid();
    const parameter = this._tmpid();
    this._emit("var " + items + " = ");
    this.compile(node.arr, frame);
    this._emitLine(";");
    this._emitLine("var " + walk + " = function(" + parameter + ", " + depth + ") {");
    this._emitLine('var output = "";');
    const buffer = this.buffer;
    this.buffer = "output";
    node.arr = raw(parameter, node);
    node.recursion = { walk, depth };
    compile.compileFor.call(this, node, frame);
    this.buffer = buffer;
    this._emitLine("return output;");
    this._emitLine("};");
    this._emitLine(this.buffer + " += " + walk + "(" + items + ", 1);");
  }

  patchNunjucks("Compiler", "compileFor", function (this: Py, node: Py, frame: Py) {
    if (node.recursive && !node.recursion) return compileRecursiveFor.call(this, node, frame);
    if (node.arr instanceof nodes.InlineIf && !node.arr.else_) {
      node.arr = new LoopFilter(node.arr.lineno, node.arr.colno, node.arr.body, node.name, node.arr.cond);
    }
    node.changedState = this._tmpid();
    this._emitLine("var " + node.changedState + " = {};");
    this._pyScopes = (this._pyScopes || 0) + 1;
    try {
      return original.compileFor.call(this, node, frame);
    } finally {
      this._pyScopes--;
    }
  });
  patchNunjucks("Compiler", "_emitLoopBindings", function (this: Py, node: Py, arr: Py, i: Py, len: Py) {
    // Each iteration starts from the outer values: what {% set %} did in the last one is gone (Jinja2's scoping).
    const names = (node.name instanceof nodes.Array ? node.name.children : [node.name]).map((name: Py) => name.value);
    this._emitLine("runtime.py.freshIteration(frame, " + JSON.stringify(names) + ");");
    const recursion = node.recursion;
    if (recursion)
      this._emitLine(
        "frame.variables.loop = runtime.py.recursiveLoop(" + recursion.walk + ", " + recursion.depth + ");",
      );
    original.emitLoopBindings.call(this, node, arr, i, len);
    const item = (offset: Py) => "(runtime.isArray(" + arr + ") ? " + arr + "[" + i + offset + "] : undefined)";
    this._emitLine('frame.set("loop.previtem", ' + i + " > 0 ? " + item("-1") + " : undefined);");
    this._emitLine('frame.set("loop.nextitem", ' + i + " < " + len + " - 1 ? " + item("+1") + " : undefined);");
    const depth = node.recursion ? node.recursion.depth : "1";
    this._emitLine('frame.set("loop.depth", ' + depth + '); frame.set("loop.depth0", ' + depth + " - 1);");
    this._emitLine('frame.set("loop.cycle", runtime.py.loopCycle(' + i + "));");
    this._emitLine('frame.set("loop.changed", runtime.py.loopChanged(' + node.changedState + "));");
  });

  // A captured block ({% set %}…{% endset %}, {% filter %}) is template output: Markup, as in Jinja2.
  const compileCapture = compile.compileCapture;
  patchNunjucks("Compiler", "compileCapture", function (this: Py, node: Py, frame: Py) {
    this._emit("runtime.py.captured(");
    compileCapture.call(this, node, frame);
    this._emit(")");
  });

  patchNunjucks("Compiler", "compileSet", function (this: Py, node: Py, frame: Py) {
    if (node.body && node.body.filters) {
      const filtered = node.body.filters;
      const capture = node.body;
      capture.filters = null;
      node.body = replaceCaptured(filtered, capture);
    }
    if (node.targets.length > 1) return compileUnpack.call(this, node, frame);
    const target = node.targets[0];
    if (target instanceof nodes.LookupVal) {
      this._emit("runtime.py.setAttribute(");
      this.compile(target.target, frame);
      this._emit(", ");
      this.compile(target.val, frame);
      this._emit(", ");
      this.compile(node.value || node.body, frame);
      this._emitLine(");");
      return;
    }
    // Inside a loop or a with block, set makes a new variable there; the outer one keeps its value (Jinja2's scoping).
    if (this._pyScopes > 0) {
      const id = this._tmpid();
      this._emit("var " + id + " = ");
      this.compile(node.value || node.body, frame);
      this._emitLine(";");
      this._emitLine("frame.set(" + JSON.stringify(target.value) + ", " + id + ");");
      return;
    }
    return original.compileSet.call(this, node, frame);
  });

  function replaceCaptured(filterNode: Py, captured: Py) {
    if (filterNode instanceof PyRaw && filterNode.code === "__captured__") return captured;
    if (filterNode.args && filterNode.args.children) {
      filterNode.args.children[0] = replaceCaptured(filterNode.args.children[0], captured);
    }
    return filterNode;
  }

  function compileUnpack(this: Py, node: Py, frame: Py) {
    const values = this._tmpid();
    this._emit("var " + values + " = runtime.py.unpack(");
    this.compile(node.value || node.body, frame);
    this._emitLine(", " + node.targets.length + ");");
    node.targets.forEach((target: Py, i: Py) => {
      const single = new nodes.Set(node.lineno, node.colno, [target]);
      single.value = raw(values + "[" + i + "]", node);
      this.compile(single, frame);
    });
  }
}
