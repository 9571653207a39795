import { readFileSync } from "node:fs";
import { processTree, pssBytes, treeMemory } from "../../../src/services/pdf/process-memory.ts";

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
