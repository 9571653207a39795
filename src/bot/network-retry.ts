import { HttpError, type Transformer } from "grammy";

/**
 * Retries a Bot API call that failed on the network (connection refused or
 * reset) a few times, then gives up so the failure is logged and the update
 * loop moves on. auto-retry alone would retry network errors forever, silently.
 */
export function retryNetworkErrors(
  options: { attempts?: number; baseDelayMs?: number; onRetry?: (method: string, error: HttpError) => void } = {},
): Transformer {
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= attempts || signal?.aborted || method === "getUpdates")
          throw error;
        options.onRetry?.(method, error);
        await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  };
}

/**
 * Retries a Bot API call Telegram answered with a 5xx a couple of times, quickly, then lets it fail. auto-retry's
 * own 5xx backoff starts at 3 s and doubles (3 + 6 + 12 s for one call), so after a burst of 500s the owner's next
 * reply waited ~48 s behind calls that were going to fail anyway. getUpdates is left to grammY's polling loop.
 */
export function retryServerErrors(options: { attempts?: number; baseDelayMs?: number } = {}): Transformer {
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code < 500 || attempt >= attempts || signal?.aborted || method === "getUpdates")
        return result;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  };
}
