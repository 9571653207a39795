import type { Py } from "./py.ts";
import { extendNunjucks, lexer, nodes, nunjucksTarget, patchNunjucks } from "./nunjucks-adapter.ts";
import { PyWith, raw, type Originals } from "./syntax-nodes.ts";

/** Jinja2 syntax Nunjucks' parser lacks (and Jinja2's balanced braces in its lexer). */
export function installParserSyntax(original: Originals) {
  const parse = nunjucksTarget("Parser");
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
}
