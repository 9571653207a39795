import { readdirSync, readFileSync } from "node:fs";

/** Sum of PSS (kB) over a process and all its descendants (but `exclude`d ones); `chromium` counts the browser's processes alone. */
export function treePss(root = process.pid, exclude = new Set<number>()): { total: number; chromium: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const sum = { total: 0, chromium: 0 };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      if (exclude.has(pid)) continue;
      const pss = Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
      sum.total += pss;
      if (readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("chrom")) sum.chromium += pss;
    } catch {}
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}
