import type { Flow } from "../context.ts";

/**
 * Starts long work as a job (a database row; the runner does the work off the update path) and returns its id: the
 * step goes on at once. Keyed by the update: if a crash comes before the update is confirmed, its re-delivery finds
 * this job instead of starting a twin. The job's result message carries the buttons the flow waits for next.
 */
export function startJob(conversation: Flow, kind: string, input: unknown): Promise<number> {
  return conversation.external((outer) =>
    outer.deps.services.jobs.enqueue(kind, outer.chat?.id ?? 0, input, `${kind}:${outer.update.update_id}`),
  );
}
