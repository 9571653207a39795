import { ApiError } from "@fal-ai/client";

export type FalFault =
  | "auth"
  | "bad-input"
  | "rate"
  | "server"
  | "timeout"
  | "network"
  | "no-images"
  /** A result image Fal no longer has (it keeps files for days): 404/410 on its URL. */
  | "expired"
  /** Fal's answer pointed outside its own files, or at something that is not a sane image. */
  | "bad-result"
  /** The owner stopped it (✖️): Fal was told to cancel the request. */
  | "stopped";

export class FalError extends Error {
  readonly fault: FalFault;
  constructor(fault: FalFault, detail: string) {
    super(`Fal ${fault}: ${detail}`);
    this.fault = fault;
  }
}

export function classifyFalError(error: unknown): FalError {
  if (error instanceof FalError) return error;
  const status = error instanceof ApiError ? error.status : undefined;
  if (status !== undefined) {
    if (status === 401 || status === 403) return new FalError("auth", `HTTP ${status}`);
    if (status === 422 || status === 400) return new FalError("bad-input", `HTTP ${status}`);
    if (status === 429) return new FalError("rate", `HTTP ${status}`);
    if (status === 504 || status === 408) return new FalError("timeout", `HTTP ${status}`);
    return new FalError("server", `HTTP ${status}`);
  }
  const message = (error as Error)?.message ?? String(error);
  if (/timed out/i.test(message) || (error as Error)?.name === "TimeoutError") return new FalError("timeout", message);
  return new FalError("network", message);
}
