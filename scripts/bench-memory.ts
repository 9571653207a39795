import { readFileSync } from "node:fs";
import { processTree, pssBytes } from "../src/services/pdf/process-memory.ts";

/**
 * Sum of PSS (kB) over a process and all its descendants (but `exclude`d ones); `chromium` counts the browser's
 * processes alone.
 */
export function treePss(root = process.pid, exclude = new Set<number>()): { total: number; chromium: number } {
  const sum = { total: 0, chromium: 0 };
  const skipped = new Set([...exclude].flatMap((pid) => processTree(pid)));
  for (const pid of processTree(root)) {
    if (skipped.has(pid)) continue;
    const pss = pssBytes(pid) / 1024;
    sum.total += pss;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("chrom")) sum.chromium += pss;
    } catch {
      // the process ended meanwhile
    }
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
  for (const pid of processTree(root)) {
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
