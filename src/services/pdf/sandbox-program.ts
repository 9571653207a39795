/**
 * The program the template sandbox child runs (`node --permission -e`). It is
 * plain JavaScript kept as a string so the child needs no file access at all:
 * Nunjucks' browser bundle and the Jinja2 layer arrive on stdin (line 1), then one job per line,
 * each answered with one line.
 *
 * Templates are evaluated inside a fresh `vm` context holding only Nunjucks (with
 * the Jinja2 layer of `jinja/` on it) and JSON-parsed data: no `process`, `require`, `fetch` or host objects to climb out
 * through. Around it the child has an empty environment and no fs/child/worker
 * permissions, and the parent kills it on timeout.
 */
export const SANDBOX_PROGRAM = String.raw`
"use strict";
const vm = require("node:vm");
let buffer = "";
let nunjucksScript = null;
process.stdin.setEncoding("utf8");
process.stdin.on("end", () => process.exit(0));
// A promise a template left rejected (an import() attempt) must not end the process between jobs.
process.on("unhandledRejection", () => undefined);
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    handle(line);
  }
});
function handle(line) {
  if (!nunjucksScript) {
    nunjucksScript = new vm.Script(JSON.parse(line), { filename: "nunjucks.js" });
    return;
  }
  // A fresh context per job: nothing one template does is visible to the next. Its promise jobs run
  // inside the evaluation (under the timeout), not later on this process's loop beside the next job.
  const context = vm.createContext({}, { microtaskMode: "afterEvaluate" });
  nunjucksScript.runInContext(context);
  const job = JSON.parse(line);
  context.__job = line;
  let out;
  try {
    out = vm.runInContext(RUNNER, context, { timeout: job.timeoutMs || 20000, filename: "template" });
  } catch (error) {
    const timedOut = String(error && error.code) === "ERR_SCRIPT_EXECUTION_TIMEOUT";
    out = JSON.stringify({ ok: false, kind: timedOut ? "timeout" : "runtime", message: timedOut ? "timeout" : String(error && error.message) });
  }
  process.stdout.write(typeof out === "string" ? out + "\n" : '{"ok":false,"kind":"runtime","message":"bad output"}\n');
}
const RUNNER = "(" + function () {
  const job = JSON.parse(globalThis.__job);
  delete globalThis.__job;
  const nunjucks = globalThis.nunjucks;
  const jinja = globalThis.__jinja;
  const env = jinja.createJinjaEnvironment();
  const located = (error) => {
    const text = String(error && error.message || error);
    const match = text.match(/\[Line (\d+), Column (\d+)\]/);
    const message = text.replace(/^\(unknown path\)\s*/, "").replace(/\[Line \d+, Column \d+\]\s*/, "").replace(/^\s*Template render error:\s*/i, "").trim();
    // Nunjucks prints positions one past the real (1-based) line and column.
    const line = match ? Number(match[1]) - 1 : typeof error.lineno === "number" ? error.lineno : undefined;
    const column = match ? Number(match[2]) - 1 : typeof error.colno === "number" ? error.colno : undefined;
    return { message: message.split("\n").map((s) => s.trim()).filter(Boolean).join(" "), line, column };
  };
  if (job.mode === "probe") {
    try {
      return JSON.stringify({ ok: true, html: String(new Function(job.source)()) });
    } catch (error) {
      return JSON.stringify({ ok: false, kind: "runtime", message: String(error && error.message) });
    }
  }
  if (job.mode === "check") {
    let root;
    try {
      root = nunjucks.parser.parse(job.template, [], {});
    } catch (error) {
      return JSON.stringify({ ok: false, kind: "syntax", ...located(error) });
    }
    const used = new Set();
    const bound = new Set(["loop", "range", "cycler", "joiner", "namespace", "dict", "lipsum", "caller", "super", "self",
      "true", "false", "none", "True", "False", "None"]);
    const bind = (target) => {
      if (!target) return;
      if (target.typename === "Symbol") bound.add(target.value);
      if (target.children) target.children.forEach(bind);
    };
    const walk = (node) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(walk);
      const type = node.typename;
      if (type === "Symbol") used.add(node.value);
      if (type === "Filter" || type === "FilterAsync") return walk(node.args);
      if (type === "For" || type === "AsyncEach" || type === "AsyncAll") bind(node.name);
      if (type === "Set") (node.targets || []).forEach(bind);
      if (type === "PyWith") node.targets.forEach(bind);
      if (type === "Macro") { bind(node.name); if (node.args) node.args.children.forEach((a) => bind(a.typename === "Pair" ? a.key : a)); }
      if (type === "FromImport" || type === "Import") bind(node.target);
      for (const field of node.fields || []) walk(node[field]);
      if (node.children) node.children.forEach(walk);
    };
    walk(root);
    const differences = jinja.jinjaDifferences(root, env);
    return JSON.stringify({ ok: true, variables: [...used].filter((name) => !bound.has(name)), differences });
  }
  const data = job.data || {};
  try {
    const html = env.renderString(job.template, jinja.jinjaData(data));
    if (html.length > job.maxOutput) return JSON.stringify({ ok: false, kind: "too-large", message: String(html.length) });
    return JSON.stringify({ ok: true, html });
  } catch (error) {
    return JSON.stringify({ ok: false, kind: "runtime", ...located(error) });
  }
} + ")()";
`;
