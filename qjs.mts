import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { newQuickJSWASMModuleFromVariant, shouldInterruptAfterDeadline } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { jinjaLayerScript } from "./src/services/pdf/jinja-layer.ts";
const req = createRequire(import.meta.url);
const bundle = readFileSync(req.resolve("nunjucks/browser/nunjucks.js"), "utf8") + "\n" + jinjaLayerScript();
let t = performance.now();
const QuickJS = await newQuickJSWASMModuleFromVariant(variant as any);
console.log("module", (performance.now() - t).toFixed(1));
for (let i = 0; i < 5; i++) {
  t = performance.now();
  const rt = QuickJS.newRuntime();
  rt.setMemoryLimit(96 << 20);
  rt.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + 5000));
  const vm = rt.newContext();
  const r = vm.evalCode(bundle, "nunjucks.js");
  if (r.error) { console.log(vm.dump(r.error)); r.error.dispose(); } else r.value.dispose();
  const t1 = performance.now();
  const tpl = readFileSync("templates/default/template.html", "utf8");
  vm.setProp(vm.global, "__tpl", vm.newString(tpl));
  const out = vm.evalCode(`(() => { const env = __jinja.createJinjaEnvironment(); return env.renderString(__tpl, __jinja.jinjaData({project_name: "Лампа", project_description: "a\\nb", images: [{src: "a.png", width: 1, height: 2, index: 1}]})); })()`);
  const html = out.error ? vm.dump(out.error) : vm.getString(out.value);
  (out.error ?? out.value).dispose();
  vm.dispose(); rt.dispose();
  console.log("boot", (t1 - t).toFixed(1), "render", (performance.now() - t1).toFixed(1), String(html).slice(0, 80).replace(/\n/g, " "));
}
