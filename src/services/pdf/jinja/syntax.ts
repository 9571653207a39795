import type { Py } from "./py.ts";
import { extendNunjucks, lexer, nodes, nunjucksTarget, patchNunjucks } from "./nunjucks-adapter.ts";
// Jinja2 syntax and semantics Nunjucks lacks, as parser and compiler patches: `{% with %}`, `is test arg`,
// `images.0`, tuples, `set a, b = …`, `set ns.x = …`, `for … if …`, Python truth and operators, loop.cycle & co.

const PyCall = nodes.Node.extend("PyCall", { fields: ["args"] });
const PyWith = nodes.Node.extend("PyWith", { fields: ["targets", "values", "body"] });
const LoopFilter = nodes.Node.extend("LoopFilter", { fields: ["arr", "name", "cond"] });
const PyRaw = nodes.Node.extend("PyRaw", { fields: [] });

const pyCall = (fn: Py, args: Py, like: Py) => {
  const node = new PyCall(like.lineno, like.colno, args);
  node.fn = fn;
  return node;
};
const lazy = (node: Py) => ({ lazy: node });
const raw = (code: Py, like: Py) => {
  const node = new PyRaw(like.lineno, like.colno);
  node.code = code;
  return node;
};

export function installSyntax() {
  const parse = nunjucksTarget("Parser");
  const compile = nunjucksTarget("Compiler");
  const original = {
    parseStatement: parse.parseStatement,
    parseFor: parse.parseFor,
    parsePrimary: parse.parsePrimary,
    assertType: compile.assertType,
    compileIf: compile.compileIf,
    compileFor: compile.compileFor,
    compileSet: compile.compileSet,
    emitLoopBindings: compile._emitLoopBindings,
    compileLiteral: compile.compileLiteral,
  };

  // Jinja2's lexer balances braces: `{% set a = {"b": {"c": 1}} %}` closes two dicts, not a {{ … }} tag.
  const nextToken = nunjucksTarget("Tokenizer").nextToken;
  patchNunjucks("Tokenizer", "nextToken", function (this: Py) {
    if (this.in_code && this.openBraces > 0 && this.str.startsWith("}}", this.index)) {
      const closing = { type: lexer.TOKEN_RIGHT_CURLY, value: "}", lineno: this.lineno, colno: this.colno };
      this.forward();
      this.openBraces--;
      return closing;
    }
    const tok = nextToken.call(this);
    if (!tok) return tok;
    if (tok.type === lexer.TOKEN_BLOCK_START || tok.type === lexer.TOKEN_VARIABLE_START) this.openBraces = 0;
    else if (tok.type === lexer.TOKEN_LEFT_CURLY) this.openBraces = (this.openBraces || 0) + 1;
    else if (tok.type === lexer.TOKEN_RIGHT_CURLY) this.openBraces = Math.max(0, (this.openBraces || 0) - 1);
    return tok;
  });

  patchNunjucks("Parser", "parseStatement", function (this: Py) {
    const tok = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "with") return parseWith.call(this);
    if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "set") return parseSet.call(this);
    return original.parseStatement.call(this);
  });

  function parseWith(this: Py) {
    const tag = this.nextToken();
    const node = new PyWith(tag.lineno, tag.colno, [], [], null);
    while (!this.skip(lexer.TOKEN_BLOCK_END)) {
      if (node.targets.length > 0 && !this.skip(lexer.TOKEN_COMMA))
        this.fail("with: expected a comma", tag.lineno, tag.colno);
      const target = this.parsePrimary(true);
      if (!(target instanceof nodes.Symbol)) this.fail("with: expected a variable name", target.lineno, target.colno);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, "=")) this.fail("with: expected =", target.lineno, target.colno);
      node.targets.push(target);
      node.values.push(this.parseExpression());
    }
    node.body = this.parseUntilBlocks("endwith");
    this.advanceAfterBlockEnd();
    return node;
  }

  /** A comma list of expressions is a tuple, as in Python (`set a, b = 1, 2`). */
  function parseTupleExpression(this: Py) {
    const first = this.parseExpression();
    if (this.peekToken().type !== lexer.TOKEN_COMMA) return first;
    const tuple = new nodes.Group(first.lineno, first.colno, [first]);
    while (this.skip(lexer.TOKEN_COMMA)) tuple.addChild(this.parseExpression());
    return tuple;
  }

  function parseSet(this: Py) {
    const tag = this.nextToken();
    const node = new nodes.Set(tag.lineno, tag.colno, []);
    do node.targets.push(this.parsePrimary());
    while (this.skip(lexer.TOKEN_COMMA));
    for (const target of node.targets) {
      if (!(target instanceof nodes.Symbol) && !(target instanceof nodes.LookupVal)) {
        this.fail("set: cannot assign to this expression", target.lineno, target.colno);
      }
    }
    if (this.skipValue(lexer.TOKEN_OPERATOR, "=")) {
      node.value = parseTupleExpression.call(this);
      this.advanceAfterBlockEnd(tag.value);
      return node;
    }
    let filters = null;
    if (this.peekToken().type === lexer.TOKEN_PIPE) filters = this.parseFilter(raw("__captured__", tag));
    if (!this.skip(lexer.TOKEN_BLOCK_END)) this.fail("set: expected = or the end of the tag", tag.lineno, tag.colno);
    node.body = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks("endset"));
    node.body.filters = filters;
    node.value = null;
    this.advanceAfterBlockEnd();
    return node;
  }

  patchNunjucks("Parser", "parsePrimary", function (this: Py, noPostfix: Py) {
    const tok = this.peekToken();
    const node = original.parsePrimary.call(this, noPostfix);
    if (tok && tok.type === lexer.TOKEN_SYMBOL && /^\d+e\d+$/i.test(tok.value) && node instanceof nodes.Symbol) {
      const literal = new nodes.Literal(tok.lineno, tok.colno, Number(tok.value));
      literal.isFloat = true;
      return noPostfix ? literal : this.parsePostfix(literal);
    }
    if (tok && tok.type === lexer.TOKEN_FLOAT) {
      let literal = node;
      while (literal && !(literal instanceof nodes.Literal)) literal = literal.target || literal.name;
      if (literal) literal.isFloat = true;
    }
    return node;
  });

  // Jinja2 looks up `images.0` as an item and allows `.name` after any expression.
  patchNunjucks("Parser", "parsePostfix", function (this: Py, node: Py) {
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        const lookup = this.parseAggregate();
        if (lookup.children.length !== 1) this.fail("invalid index", tok.lineno, tok.colno);
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, lookup.children[0]);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === ".") {
        this.nextToken();
        const name = this.nextToken();
        if (name.type === lexer.TOKEN_SYMBOL) {
          node = new nodes.LookupVal(
            tok.lineno,
            tok.colno,
            node,
            new nodes.Literal(name.lineno, name.colno, name.value),
          );
        } else if (name.type === lexer.TOKEN_INT || name.type === lexer.TOKEN_FLOAT) {
          node = this.parseItemLookups(node, name, tok);
        } else {
          this.fail("expected name as lookup value, got " + name.value, name.lineno, name.colno);
        }
      } else {
        break;
      }
    }
    return node;
  });

  // `images.0` lexes as an integer, `images.0.src` as the float "0." and a name, `images.1.2` as the float "1.2".
  extendNunjucks("Parser", "parseItemLookups", function (this: Py, node: Py, number: Py, dot: Py) {
    const parts = number.value.split(".");
    for (const part of parts.filter((value: Py) => value !== "")) {
      node = new nodes.LookupVal(
        dot.lineno,
        dot.colno,
        node,
        new nodes.Literal(number.lineno, number.colno, Number(part)),
      );
    }
    if (!number.value.endsWith(".")) return node;
    const name = this.nextToken();
    if (name.type === lexer.TOKEN_SYMBOL) {
      return new nodes.LookupVal(dot.lineno, dot.colno, node, new nodes.Literal(name.lineno, name.colno, name.value));
    }
    if (name.type === lexer.TOKEN_INT || name.type === lexer.TOKEN_FLOAT) return this.parseItemLookups(node, name, dot);
    this.fail("expected name as lookup value, got " + name.value, name.lineno, name.colno);
  });

  // Jinja2 chains conditional expressions: `a if x else b if y else c`.
  patchNunjucks("Parser", "parseInlineIf", function (this: Py) {
    let node = this.parseOr();
    while (this.skipSymbol("if")) {
      const cond = this.parseOr();
      const otherwise = this.skipSymbol("else") ? this.parseInlineIf() : null;
      node = new nodes.InlineIf(node.lineno, node.colno, cond, node, otherwise);
    }
    return node;
  });

  // A parenthesised list with a comma is a tuple, `(1,)` and `()` too.
  const bracketAggregate = parse.parseAggregate;
  patchNunjucks("Parser", "parseAggregate", function (this: Py) {
    const open = this.peekToken();
    if (!open || open.type !== lexer.TOKEN_LEFT_PAREN) return bracketAggregate.call(this);
    this.nextToken();
    const group = new nodes.Group(open.lineno, open.colno);
    while (!this.skip(lexer.TOKEN_RIGHT_PAREN)) {
      if (group.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail("expected a comma or )", open.lineno, open.colno);
        group.isTuple = true;
        if (this.skip(lexer.TOKEN_RIGHT_PAREN)) break;
      }
      group.addChild(this.parseExpression());
    }
    if (group.children.length === 0) group.isTuple = true;
    return group;
  });

  const TEST_ARGUMENT_STARTS = [
    lexer.TOKEN_SYMBOL,
    lexer.TOKEN_STRING,
    lexer.TOKEN_INT,
    lexer.TOKEN_FLOAT,
    lexer.TOKEN_BOOLEAN,
    lexer.TOKEN_NONE,
    lexer.TOKEN_LEFT_BRACKET,
    lexer.TOKEN_LEFT_CURLY,
  ];
  const NOT_AN_ARGUMENT = ["else", "or", "and", "if", "in", "is", "not"];

  // `x is divisibleby 3`, `x is none`, `x is sameas false`: the test's name, then its arguments, if any.
  patchNunjucks("Parser", "parseIs", function (this: Py) {
    let node = this.parseCompare();
    while (this.skipSymbol("is")) {
      const negated = this.skipSymbol("not");
      const tok = this.nextToken();
      if (![lexer.TOKEN_SYMBOL, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE].includes(tok.type)) {
        this.fail("expected the name of a test after 'is'", tok.lineno, tok.colno);
      }
      let test = new nodes.Symbol(tok.lineno, tok.colno, tok.value);
      const next = this.peekToken();
      if (next.type === lexer.TOKEN_LEFT_PAREN) {
        test = new nodes.FunCall(tok.lineno, tok.colno, test, this.parseSignature());
      } else if (TEST_ARGUMENT_STARTS.includes(next.type) && !NOT_AN_ARGUMENT.includes(next.value)) {
        const argument = this.parsePrimary();
        test = new nodes.FunCall(
          tok.lineno,
          tok.colno,
          test,
          new nodes.NodeList(argument.lineno, argument.colno, [argument]),
        );
      }
      node = new nodes.Is(node.lineno, node.colno, node, test);
      if (negated) node = new nodes.Not(node.lineno, node.colno, node);
    }
    return node;
  });

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

  // Nunjucks' own parseFor, plus Jinja2's `recursive` after the iterable.
  patchNunjucks("Parser", "parseFor", function (this: Py) {
    const tok = this.peekToken();
    if (!tok || tok.value !== "for") return original.parseFor.call(this);
    this.nextToken();
    const node = new nodes.For(tok.lineno, tok.colno);
    node.name = this.parsePrimary();
    if (!(node.name instanceof nodes.Symbol))
      this.fail("parseFor: variable name expected for loop", tok.lineno, tok.colno);
    if (this.peekToken().type === lexer.TOKEN_COMMA) {
      node.name = new nodes.Array(node.name.lineno, node.name.colno, [node.name]);
      while (this.skip(lexer.TOKEN_COMMA)) node.name.addChild(this.parsePrimary());
    }
    if (!this.skipSymbol("in")) this.fail('parseFor: expected "in" keyword for loop', tok.lineno, tok.colno);
    node.arr = this.parseExpression();
    node.recursive = this.skipSymbol("recursive");
    this.advanceAfterBlockEnd(tok.value);
    node.body = this.parseUntilBlocks("endfor", "else");
    if (this.skipSymbol("else")) {
      this.advanceAfterBlockEnd("else");
      node.else_ = this.parseUntilBlocks("endfor");
    }
    this.advanceAfterBlockEnd();
    return node;
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
