import { describe, expect, it } from "vitest";
import { renderProblem } from "../src/usecases/template-upload.ts";

/** What the owner reads when a render fails: the template's own mistakes with their place, never an engine's text. */
describe("render problems in the owner's words", () => {
  const abort = "Aborted(Assertion failed: list_empty(&rt->gc_obj_list), at: quickjs.c,2012,JS_FreeRuntime)";

  it("an engine that aborted, a browser that failed: named, without the engine's message", () => {
    expect(renderProblem({ ok: false, kind: "crashed", message: abort })).toEqual({ key: "tpl-err-crashed", args: {} });
    expect(
      renderProblem({ ok: false, kind: "browser", message: "Protocol error (Page.printToPDF): Target closed" }),
    ).toEqual({ key: "tpl-err-browser", args: {} });
  });

  it("a template's own mistake keeps its message and place: the designer fixes it from that", () => {
    expect(renderProblem({ ok: false, kind: "syntax", message: "expected variable end", line: 3, column: 7 })).toEqual({
      key: "tpl-err-syntax",
      args: { message: "expected variable end", where: JSON.stringify({ line: 3, column: 7 }) },
    });
    expect(renderProblem({ ok: false, kind: "too-complex", message: "300000" })).toMatchObject({
      key: "tpl-err-too-complex",
      args: { count: 300000 },
    });
  });
});
