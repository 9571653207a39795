import { nunjucksTarget } from "./nunjucks-adapter.ts";
import { installCompilerSyntax } from "./syntax-compiler.ts";
import { installParserSyntax } from "./syntax-parser.ts";
// Jinja2 syntax and semantics Nunjucks lacks, as parser and compiler patches: `{% with %}`, `is test arg`,
// `images.0`, tuples, `set a, b = …`, `set ns.x = …`, `for … if …`, Python truth and operators, loop.cycle & co.

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

  installParserSyntax(original);
  installCompilerSyntax(original);
}
