/**
 * The program the template sandbox child runs (`node --permission -e`). It is plain JavaScript kept as a string:
 * the child reads nothing but QuickJS's own package files. Line 1 on stdin is the set-up (Nunjucks' browser bundle
 * with the Jinja2 layer of `jinja/`, where QuickJS lives, the limits), then one job per line, each answered with
 * one line.
 *
 * Templates are evaluated in QuickJS compiled to WebAssembly (quickjs-emscripten), a JavaScript engine of its
 * own: nothing of Node — no `process`, no host constructors, no network, no signals — exists in there, because
 * nothing is passed in but the job as a string. Every job gets a fresh QuickJS runtime and context (booted ahead,
 * when the parent says the card is done: a boot right after a job would take a core from Chromium laying that card
 * out) with a memory limit, a stack limit and a deadline checked by QuickJS's interrupt
 * handler. Around that, the child process is the second wall: an empty environment, Node's permission model
 * (read access to QuickJS's files only), a small V8 heap, and the parent kills it on timeout.
 */
export const SANDBOX_PROGRAM = String.raw`
"use strict";
let buffer = "";
let setup = null;
let quickjs = null;
let spare = null;
const queue = [];
// A template's code as Nunjucks compiled it (in QuickJS), by the template's text: the next render of the same template
// (the generator's rehearsal, its card with Gemini's words, the next card) evaluates it instead of compiling again,
// about half of a card's QuickJS time. It is that template's own code and runs where it would run anyway: a fresh
// runtime with the same limits.
const compiled = new Map();
const COMPILED_KEPT = 8;
const COMPILED_MAX_CHARS = 1000000;
process.stdin.setEncoding("utf8");
process.stdin.on("end", () => process.exit(0));
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (setup && line === SPARE) {
      if (quickjs && !spare) spare = bootOrNull();
    } else if (setup) {
      queue.push(line);
      drain();
    } else {
      setup = JSON.parse(line);
      start();
    }
  }
});
function start() {
  const core = require(setup.core);
  const variant = require(setup.variant);
  core.newQuickJSWASMModuleFromVariant(variant.default || variant).then(
    (module) => {
      quickjs = module;
      if (queue.length === 0) spare = bootOrNull();
      drain();
    },
    (error) => {
      process.stderr.write("quickjs did not start: " + error.message + "\n");
      process.exit(70);
    },
  );
}
function drain() {
  while (quickjs && queue.length > 0) {
    process.stdout.write(handle(queue.shift()) + "\n");
    // WebAssembly memory never shrinks: after a job that grew it, this child makes way for a fresh one.
    if (process.memoryUsage().rss > setup.recycleRssBytes) process.exit(0);
  }
}
const SPARE = "spare";
function bootOrNull() {
  try {
    return boot();
  } catch (error) {
    return null;
  }
}
function boot() {
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(setup.memoryLimitBytes);
  runtime.setMaxStackSize(setup.stackLimitBytes);
  const box = { runtime, deadline: Date.now() + 30000 };
  runtime.setInterruptHandler(() => Date.now() > box.deadline);
  box.context = runtime.newContext();
  const booted = box.context.evalCode(setup.bundle, "nunjucks.js");
  if (booted.error) {
    const message = describe(box.context, booted.error);
    release(box);
    throw new Error("the template engine did not boot: " + message);
  }
  booted.value.dispose();
  return box;
}
function describe(context, handle) {
  const error = context.dump(handle);
  handle.dispose();
  return String(error && typeof error === "object" && "message" in error ? error.message : error);
}
function release(box) {
  try {
    box.context.dispose();
    box.runtime.dispose();
  } catch (error) {
    process.exit(0);
  }
}
function keepCompiled(context, template) {
  const handle = context.getProp(context.global, "__compiledOut");
  const code = context.typeof(handle) === "string" ? context.getString(handle) : null;
  handle.dispose();
  if (code === null || code.length > COMPILED_MAX_CHARS) return;
  compiled.set(template, code);
  while (compiled.size > COMPILED_KEPT) compiled.delete(compiled.keys().next().value);
}
const ENGINE_ABORT = /Aborted\(|Assertion failed|RuntimeError|unreachable/;
function failure(kind, message) {
  return JSON.stringify({ ok: false, kind, message });
}
function handle(line) {
  let box;
  try {
    box = spare || boot();
  } catch (error) {
    return failure("crashed", error.message);
  }
  spare = null;
  const job = JSON.parse(line);
  box.deadline = Date.now() + (job.timeoutMs || 20000);
  const { context } = box;
  const known = job.mode === "render" ? compiled.get(job.template) : undefined;
  try {
    const input = context.newString(line);
    context.setProp(context.global, "__job", input);
    input.dispose();
    if (known) {
      const code = context.newString(known);
      context.setProp(context.global, "__compiled", code);
      code.dispose();
    }
    const result = context.evalCode(RUNNER, "template");
    if (job.mode === "render" && !known && !result.error) keepCompiled(context, job.template);
    if (result.error) {
      const message = describe(context, result.error);
      if (/interrupted/i.test(message)) return failure("timeout", "timeout");
      if (/out of memory/i.test(message)) return failure("too-large", "out of memory");
      // The engine itself gave up (a WebAssembly abort): the template broke it, but its text is QuickJS's, not theirs.
      if (ENGINE_ABORT.test(message)) return failure("crashed", "the template engine aborted");
      return failure("runtime", message);
    }
    const out = context.typeof(result.value) === "string" ? context.getString(result.value) : null;
    result.value.dispose();
    return out === null ? failure("runtime", "bad output") : out;
  } catch (error) {
    return failure("crashed", "the template engine aborted");
  } finally {
    release(box);
  }
}
const RUNNER = "(" + function () {
  const job = JSON.parse(globalThis.__job);
  delete globalThis.__job;
  const nunjucks = globalThis.nunjucks;
  const jinja = globalThis.__jinja;
  const kindOf = (error) => (/out of memory/i.test(String(error && error.message)) ? "too-large" : "runtime");
  if (job.mode === "probe") {
    try {
      return JSON.stringify({ ok: true, html: String(new Function(job.source)()) });
    } catch (error) {
      return JSON.stringify({ ok: false, kind: kindOf(error), message: String(error && error.message) });
    }
  }
  const env = jinja.createJinjaEnvironment();
  const located = (error) => {
    const text = String(error && error.message || error);
    const match = text.match(/\[Line (\d+), Column (\d+)\]/);
    const message = text.replace(/^\(unknown path\)\s*/, "").replace(/\[Line \d+, Column \d+\]\s*/, "")
      .replace(/^\s*Template render error:\s*/i, "").trim();
    // Nunjucks prints positions one past the real (1-based) line and column.
    const line = match ? Number(match[1]) - 1 : typeof error.lineno === "number" ? error.lineno : undefined;
    const column = match ? Number(match[2]) - 1 : typeof error.colno === "number" ? error.colno : undefined;
    return { message: message.split("\n").map((s) => s.trim()).filter(Boolean).join(" "), line, column };
  };
  if (job.mode === "check") {
    let root;
    try {
      root = nunjucks.parser.parse(job.template, [], {});
    } catch (error) {
      return JSON.stringify({ ok: false, kind: "syntax", ...located(error) });
    }
    const used = new Set();
    const bound = new Set(["loop", "range", "cycler", "joiner", "namespace", "dict", "lipsum", "caller", "super",
      "self", "true", "false", "none", "True", "False", "None", "varargs", "kwargs"]);
    const bind = (target) => {
      if (!target) return;
      if (target.typename === "Symbol") bound.add(target.value);
      if (target.children) target.children.forEach(bind);
    };
    // A filter's name is a Symbol node too; it names no variable.
    const filterNames = new Set();
    jinja.walkNodes(root, (node) => {
      const type = node.typename;
      if (type === "Filter" || type === "FilterAsync") filterNames.add(node.name);
      if (type === "Symbol" && !filterNames.has(node)) used.add(node.value);
      if (type === "For" || type === "AsyncEach" || type === "AsyncAll") bind(node.name);
      if (type === "Set") (node.targets || []).forEach(bind);
      if (type === "PyWith") node.targets.forEach(bind);
      if (type === "Macro") {
        bind(node.name);
        const bindArgument = (a) => (a.typename === "Dict" ? a.children.forEach((p) => bind(p.key)) : bind(a));
        if (node.args) node.args.children.forEach(bindArgument);
      }
      if (type === "FromImport" || type === "Import") bind(node.target);
    });
    const differences = jinja.jinjaDifferences(root, env);
    return JSON.stringify({ ok: true, variables: [...used].filter((name) => !bound.has(name)), differences });
  }
  const data = job.data || {};
  const known = globalThis.__compiled;
  delete globalThis.__compiled;
  try {
    // What env.renderString does, with the compiled code kept (or given: see compiled in the child).
    const code = typeof known === "string" ? known
      : nunjucks.compiler.compile(job.template, env.asyncFilters, env.extensionsList, undefined, env.opts);
    const template = new nunjucks.Template({ type: "code", obj: new Function(code)() }, env, undefined);
    const html = template.render(jinja.jinjaData(data));
    if (typeof known !== "string") globalThis.__compiledOut = code;
    if (html.length > job.maxOutput)
      return JSON.stringify({ ok: false, kind: "too-large", message: String(html.length) });
    // Start tags are counted here, under this runtime's memory limit: a template that prints 300 000 elements is
    // refused before its output ever reaches the bot's own heap.
    const tags = /<[a-zA-Z]/g;
    let elements = 0;
    while (tags.exec(html) !== null) elements++;
    if (elements > job.maxElements)
      return JSON.stringify({ ok: false, kind: "too-complex", message: String(elements) });
    return JSON.stringify({ ok: true, html, elements });
  } catch (error) {
    return JSON.stringify({ ok: false, kind: kindOf(error), ...located(error) });
  }
} + ")()";
`;
