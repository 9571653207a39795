import { readdirSync, readFileSync } from "node:fs";

/** Every process below `root` (and root itself), from /proc's parent links. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
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

/** Proportional set size (kB → bytes): shared pages split between the processes sharing them (Chromium's many). */
function pssBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "latin1");
    return Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export const treeMemory = (root: number) => processTree(root).reduce((sum, pid) => sum + pssBytes(pid), 0);

/** Samples the tree's memory every `everyMs` until stopped; the peak and the first sample come back. */
export function memorySampler(root: number, everyMs = 50): { stop: () => { peakBytes: number; startBytes: number } } {
  const startBytes = treeMemory(root);
  let peakBytes = startBytes;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, treeMemory(root));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      peakBytes = Math.max(peakBytes, treeMemory(root));
      return { peakBytes, startBytes };
    },
  };
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** "node 182 MB, node 61 MB, chrome-headless 95 MB…": where the tree's memory is, for the report. */
export function treeBreakdown(root: number): string {
  return processTree(root)
    .map((pid) => {
      let name = "?";
      try {
        name = readFileSync(`/proc/${pid}/comm`, "latin1").trim();
      } catch {
        // gone
      }
      return `${name} ${mb(pssBytes(pid))}`;
    })
    .join(", ");
}
