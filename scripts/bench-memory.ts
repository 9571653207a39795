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

/**
 * The tree's memory as if nothing else ran on the machine (kB): private pages
 * of each process plus every shared mapping once (the largest resident part any
 * of the tree's processes has of it). PSS instead splits shared pages among all
 * processes mapping them, so other Chromiums on a shared machine lower it.
 */
export function treeFootprintAlone(root = process.pid): number {
  let privateKb = 0;
  const shared = new Map<string, number>();
  for (const pid of treePids(root)) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/smaps`, "utf8");
    } catch {
      continue;
    }
    let key = "";
    for (const line of text.split("\n")) {
      const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ \d+\s*(.*)$/.exec(line);
      if (header) {
        key = header[4] ? `${header[4]}@${header[3]}` : `anon@${header[1]}`;
        continue;
      }
      const field = /^(Private_Clean|Private_Dirty|Shared_Clean|Shared_Dirty):\s+(\d+)/.exec(line);
      if (!field) continue;
      const kb = Number(field[2]);
      if (field[1].startsWith("Private")) privateKb += kb;
      else shared.set(`${key}:${field[1]}`, Math.max(shared.get(`${key}:${field[1]}`) ?? 0, kb));
    }
  }
  return privateKb + [...shared.values()].reduce((sum, kb) => sum + kb, 0);
}

function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const pids: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}
