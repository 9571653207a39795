import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { JINJA_LAYER_BUNDLE } from "../src/services/pdf/jinja-layer.ts";
import { ROOT } from "./support/bot-process.ts";

/**
 * The Jinja2 layer patches Nunjucks' internals, all through one adapter (src/services/pdf/jinja/nunjucks-adapter.ts)
 * that refuses to replace what is not there or add what already is. Here the layer runs as in the sandbox (Nunjucks'
 * browser bundle, then the build's bundle) on the Nunjucks this project installs, which must be the pinned version.
 */
const require = createRequire(import.meta.url);
const NUNJUCKS_BUNDLE = readFileSync(require.resolve("nunjucks/browser/nunjucks.js"), "utf8");
const LAYER = readFileSync(join(ROOT, JINJA_LAYER_BUNDLE), "utf8");

/** A fresh context with Nunjucks loaded; `tamper` changes it before the layer runs. */
function sandbox(tamper = "") {
  const context = vm.createContext({});
  vm.runInContext(NUNJUCKS_BUNDLE, context);
  vm.runInContext(tamper, context);
  vm.runInContext(LAYER, context);
  return context as { __jinja: any; nunjucks: any };
}

describe("the Jinja2 layer's patches of Nunjucks", () => {
  it("are made for the Nunjucks version this project installs", () => {
    const { __jinja } = sandbox();
    const installed = JSON.parse(readFileSync(require.resolve("nunjucks/package.json"), "utf8")).version;
    const declared = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).dependencies.nunjucks;
    expect(installed).toBe(__jinja.NUNJUCKS_VERSION);
    expect(declared).toBe(__jinja.NUNJUCKS_VERSION);
  });

  it("all apply, once, and the result prints as Jinja2 does", () => {
    const { __jinja } = sandbox();
    const env = __jinja.createJinjaEnvironment();
    __jinja.createJinjaEnvironment();
    const made = __jinja.patches.map((patch: any) => `${patch.kind} ${patch.target}.${patch.name}`);
    expect(made.filter((patch: string) => patch.startsWith("override")).length).toBeGreaterThan(30);
    expect(new Set(made).size).toBe(made.length);
    const printed = env.renderString('{{ 7 // 2 }} {{ "a,b".split(",") }} {{ 55.0 }} {{ 1e3 }}', {});
    expect(printed).toBe("3 [&#39;a&#39;, &#39;b&#39;] 55.0 1000.0");
  });

  it("fail at once, naming it, on a Nunjucks that moved a member they replace or has one they add", () => {
    const moved = sandbox("delete nunjucks.parser.Parser.prototype.parsePostfix;");
    expect(() => moved.__jinja.createJinjaEnvironment()).toThrow(/Parser\.parsePostfix is not there/);
    const grown = sandbox("nunjucks.compiler.Compiler.prototype.compilePyRaw = function () {};");
    expect(() => grown.__jinja.createJinjaEnvironment()).toThrow(/Compiler\.compilePyRaw is already there/);
  });
});
