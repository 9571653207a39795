import type { Py } from "./py.ts";

// How the layer reads the arguments a template passes: positional ones, then keywords (Nunjucks' last object).
export const hasOwn = (object: Py, key: Py) => Object.prototype.hasOwnProperty.call(object, key);

export function splitArgs(args: Py) {
  const last = args[args.length - 1];
  if (last && typeof last === "object" && last.__keywords) {
    const keywords: Record<string, Py> = {};
    for (const key of Object.keys(last)) if (key !== "__keywords") keywords[key] = last[key];
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/** Arguments by Python's rules: positional first, then by keyword, then the default. */
export function bindArgs(args: Py, names: Py, defaults: Py) {
  const { positional, keywords } = splitArgs(args);
  const bound: Py = {};
  names.forEach((name: Py, i: Py) => {
    if (i < positional.length) bound[name] = positional[i];
    else if (hasOwn(keywords, name)) bound[name] = keywords[name];
    else bound[name] = defaults[i];
  });
  return bound;
}
