import { readdirSync, readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";

/** A process's parent, from its /proc/<pid>/stat line (the field after the command's closing parenthesis). */
const parentOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
/** Proportional set size in bytes, from /proc/<pid>/smaps_rollup. */
const pssOf = (rollup: string) => Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;

/** `root` and every process below it, from each process's parent. */
function walk(parents: Map<number, number>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Every process below `root` (and root itself), from /proc's parent links; just `root` where /proc is absent. */
export function processTree(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [root];
  }
  const parents = new Map<number, number>();
  for (const entry of entries.filter((name) => /^\d+$/.test(name))) {
    try {
      parents.set(Number(entry), parentOf(readFileSync(`/proc/${entry}/stat`, "latin1")));
    } catch {
      // the process ended while we looked
    }
  }
  return walk(parents, root);
}

/** Proportional set size in bytes: shared pages split between the processes sharing them (Chromium's many). */
export function pssBytes(pid: number): number {
  try {
    return pssOf(readFileSync(`/proc/${pid}/smaps_rollup`, "latin1"));
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
  const parents = new Map<number, number>();
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (entry) => {
        try {
          parents.set(Number(entry), parentOf(await readFile(`/proc/${entry}/stat`, "latin1")));
        } catch {
          // the process ended while we looked
        }
      }),
  );
  const sizes = await Promise.all(
    walk(parents, root).map((pid) => readFile(`/proc/${pid}/smaps_rollup`, "latin1").then(pssOf, () => 0)),
  );
  return sizes.reduce((sum, bytes) => sum + bytes, 0);
}
