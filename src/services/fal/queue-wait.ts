import type { FalClient, QueueStatus } from "@fal-ai/client";

/**
 * While the status stream is open, a poll this often still notices completion if the stream goes silent (a dropped
 * proxy connection).
 */
const SAFETY_POLL_MS = 3_000;

/**
 * Poll spacing once the stream is gone (a server without it, an error, closed early): jobs take
 * seconds, so fast at first, then backing off. At most 5 requests/s for the first 2 s, 2/s up to
 * 10 s, then 1/s.
 */
export function fallbackPollDelay(elapsedMs: number): number {
  if (elapsedMs < 2_000) return 200;
  if (elapsedMs < 10_000) return 500;
  return 1_000;
}

const isStatus = (value: unknown): value is QueueStatus =>
  typeof value === "object" && value !== null && typeof (value as { status?: unknown }).status === "string";

/** Resolves after `ms`, early when `setWake`'s function is called; rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", abort, { once: true });
    setWake(wake);
  });
}

/**
 * Waits until a queued Fal request is COMPLETED: Fal's status stream (server-sent events) tells the
 * moment it happens; polling takes over when the stream fails or ends early, and a slow poll runs
 * alongside it in case it goes silent. The SDK's own `timeout` is not used (in streaming mode it
 * throws from a bare timer, which would crash the process): the caller's `signal` is the deadline,
 * and it rejects with the signal's reason.
 */
export async function waitForCompletion(
  client: FalClient,
  endpointId: string,
  requestId: string,
  options: { signal: AbortSignal; onStatus: (status: QueueStatus) => void; onStreamEnd?: (error: unknown) => void },
): Promise<void> {
  const { signal } = options;
  let completed = false;
  let streaming = true;
  let wake = () => {};
  const see = (status: unknown) => {
    if (completed || !isStatus(status)) return;
    options.onStatus(status);
    if (status.status === "COMPLETED") {
      completed = true;
      wake();
    }
  };
  const streamGone = (error?: unknown) => {
    if (completed || !streaming) return;
    streaming = false;
    options.onStreamEnd?.(error);
    wake();
  };
  let stream: Awaited<ReturnType<FalClient["queue"]["streamStatus"]>> | undefined;
  try {
    stream = await client.queue.streamStatus(endpointId, { requestId, logs: false });
    stream.on("data", see);
    stream.done().then(() => streamGone(), streamGone);
  } catch (error) {
    streamGone(error);
  }
  try {
    const started = Date.now();
    while (!completed) {
      await pause(streaming ? SAFETY_POLL_MS : fallbackPollDelay(Date.now() - started), signal, (w) => (wake = w));
      if (completed) break;
      see(await client.queue.status(endpointId, { requestId, logs: false, abortSignal: signal }));
    }
  } finally {
    stream?.abort();
  }
}
