import type { Py } from "./py.ts";
import { dictMethods, listMethods } from "./methods.ts";
import { stringMethods } from "./string-methods.ts";
import { nodes } from "./nunjucks-adapter.ts";
// The upload check's side of the Jinja2 layer: constructs that would still print differently from Jinja2
// (or only work here), each with its line and column, so the owner hears of them before a card goes out.

const APPROXIMATE_FILTERS = ["wordwrap", "urlize", "pprint", "random"];
const NUNJUCKS_ONLY_TAGS = ["Switch", "AsyncEach", "AsyncAll", "IfAsync"];
const NO_LOADER_TAGS = ["Extends", "Include", "Import", "FromImport"];
const JINJA2_FILTERS = (
  "abs attr batch capitalize center count d default dictsort e escape filesizeformat first float " +
  "forceescape format groupby indent int items join last length list lower map max min pprint random reject " +
  "rejectattr replace reverse round safe select selectattr slice sort string striptags sum title tojson trim " +
  "truncate unique upper urlencode urlize wordcount wordwrap xmlattr nl2br paragraphs"
).split(" ");

function knownMethods() {
  const names = new Set();
  for (const key of Object.keys(stringMethods("", ""))) names.add(key);
  for (const key of Object.keys(listMethods([]))) names.add(key);
  for (const key of Object.keys(dictMethods({}))) names.add(key);
  for (const key of ["next", "reset", "cycle", "changed"]) names.add(key);
  return names;
}

/** Calls `visit` on every node of a parsed template once, parents before their fields. */
export function walkNodes(root: Py, visit: Py) {
  const seen = new Set();
  const walk = (node: Py) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    visit(node);
    for (const field of node.fields || []) walk(node[field]);
  };
  walk(root);
}

/** Constructs in a parsed template that Jinja2 would treat differently; positions are 1-based. */
export function jinjaDifferences(root: Py, env: Py) {
  const found: Py[] = [];
  const methods = knownMethods();
  const note = (code: Py, construct: Py, node: Py) =>
    found.push({ code, construct, line: (node.lineno || 0) + 1, column: (node.colno || 0) + 1 });
  walkNodes(root, (node: Py) => {
    const type = node.typename;
    if (type === "Filter") {
      const name = node.name.value;
      if (!JINJA2_FILTERS.includes(name))
        note(hasFilter(env, name) ? "nunjucks-only" : "unknown-filter", "|" + name, node);
      else if (APPROXIMATE_FILTERS.includes(name)) note("approximate", "|" + name, node);
    }
    if (type === "Is") {
      const name = node.right.name ? node.right.name.value : node.right.value;
      if (!hasTest(env, name)) note("unknown-test", "is " + name, node);
    }
    if (NUNJUCKS_ONLY_TAGS.includes(type)) note("nunjucks-only", type.toLowerCase(), node);
    if (NO_LOADER_TAGS.includes(type))
      note("no-loader", type === "FromImport" ? "from … import" : type.toLowerCase(), node);
    if (type === "Literal" && node.value instanceof RegExp) note("nunjucks-only", "r/" + node.value.source + "/", node);
    if (type === "Compare") {
      for (const op of node.ops) if (op.type === "===" || op.type === "!==") note("nunjucks-only", op.type, op);
    }
    if (type === "FunCall" && node.name && node.name.typename === "LookupVal" && node.name.val.typename === "Literal") {
      const method = String(node.name.val.value);
      if (!methods.has(method)) note("unknown-method", "." + method + "()", node);
    }
    if (type === "Macro") {
      for (const symbol of node.body.findAll(nodes.Symbol)) {
        if (symbol.value === "varargs" || symbol.value === "kwargs") note("unsupported", symbol.value, symbol);
      }
    }
    if (type === "FunCall" && node.name && node.name.typename === "Symbol" && node.name.value === "lipsum") {
      note("approximate", "lipsum()", node);
    }
  });
  return found;
}

// The tables have no prototype (createJinjaEnvironment): `in` sees only what was registered.
export const hasFilter = (env: Py, name: Py) => name in env.filters;
export const hasTest = (env: Py, name: Py) => name in env.tests;
