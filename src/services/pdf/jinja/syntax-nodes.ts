import type { Py } from "./py.ts";
import { nodes } from "./nunjucks-adapter.ts";

// The node kinds the layer adds to Nunjucks' tree, and helpers that build them.
export const PyCall = nodes.Node.extend("PyCall", { fields: ["args"] });
export const PyWith = nodes.Node.extend("PyWith", { fields: ["targets", "values", "body"] });
export const LoopFilter = nodes.Node.extend("LoopFilter", { fields: ["arr", "name", "cond"] });
export const PyRaw = nodes.Node.extend("PyRaw", { fields: [] });

export const pyCall = (fn: Py, args: Py, like: Py) => {
  const node = new PyCall(like.lineno, like.colno, args);
  node.fn = fn;
  return node;
};
export const lazy = (node: Py) => ({ lazy: node });
export const raw = (code: Py, like: Py) => {
  const node = new PyRaw(like.lineno, like.colno);
  node.code = code;
  return node;
};

/** What the patches call through to: Nunjucks' own methods, read before any patch. */
export type Originals = Record<string, Py>;
