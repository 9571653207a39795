/**
 * A value inside a template: whatever Python-like value Jinja2 lets a template hold (None, numbers, strings,
 * lists, dicts, tuples, safe strings, the layer's own PyFloat, PyImage, namespaces and macros). The layer checks
 * kinds at run time, as Python does, so its functions take and return this dynamic type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Py = any;
