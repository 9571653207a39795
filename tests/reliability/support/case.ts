import type { TestContext } from "vitest";

/** What a reliability test injected and what it checked; the reporter turns these into docs/RELIABILITY.md. */
export interface ReliabilityCase {
  /** Section of the report, e.g. "Crashes", "Strangers", "Telegram faults". */
  area: string;
  injected: string;
  checked: string;
  /** Measured outcome, filled in by the test once its assertions pass (counts, timings). */
  observed?: string;
}

declare module "vitest" {
  interface TaskMeta {
    reliability?: ReliabilityCase;
  }
}

/** Registers the case on the running test; call the returned function with what was observed. */
export function reliabilityCase(context: TestContext, details: ReliabilityCase): (observed: string) => void {
  context.task.meta.reliability = { ...details };
  return (observed) => {
    context.task.meta.reliability!.observed = observed;
  };
}
