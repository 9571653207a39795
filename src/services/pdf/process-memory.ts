import { readdirSync, readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";

/** Every process below `root` (and root itself), from /proc's parent links; just `root` where /proc is absent. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [root];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return tree;
}

/** Proportional set size in bytes: shared pages split between the processes sharing them (Chromium's many). */
export function pssBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "latin1");
    return Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The memory a process and everything it started use together (0 where /proc cannot tell). */
export const treeMemory = (root: number) => processTree(root).reduce((sum, pid) => sum + pssBytes(pid), 0);

/**
 * treeMemory without blocking the event loop: reading every process's stat and Chromium's smaps_rollup takes ~20 ms
 * of system time, which the bot's next update should not wait for.
 */
export async function treeMemoryAsync(root: number): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return pssBytes(root);
  }
  const children = new Map<number, number[]>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        try {
          const stat = await readFile(`/proc/${entry}/stat`, "latin1");
          const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
          children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
        } catch {
          // the process ended while we looked
        }
      }),
  );
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  const sizes = await Promise.all(
    tree.map(async (pid) => {
      try {
        const rollup = await readFile(`/proc/${pid}/smaps_rollup`, "latin1");
        return Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    }),
  );
  return sizes.reduce((sum, bytes) => sum + bytes, 0);
}
