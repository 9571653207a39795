import { APIResponseError, RequestTimeoutError, UnknownHTTPResponseError, isNotionClientError } from "@notionhq/client";

export type NotionProblem = "unauthorized" | "not_shared" | "bad_property" | "validation";

export type NotionErrorClass =
  | { kind: "retry"; retryAfterMs?: number; uncertain: boolean }
  | { kind: "fatal"; problem: NotionProblem; detail: string };

/** Thrown by our own checks (schema in ready(), missing data source) with a problem already decided. */
export class NotionSetupError extends Error {
  readonly problem: NotionProblem;
  constructor(problem: NotionProblem, detail: string) {
    super(detail);
    this.name = "NotionSetupError";
    this.problem = problem;
  }
}

const SHARE_HINT = "share the database with the integration (… menu → Connections)";

/** Errors thrown by fetch before any byte was sent: the request cannot have been applied. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const NETWORK_CODES = new Set([
  ...NOT_SENT_CODES,
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "ECONNABORTED",
]);

/**
 * An error text from Notion (or a proxy in front of it) may echo the request's credentials; they never go on
 * to a log line, a message to the owner or a stored job error.
 */
export function scrubCredentials(text: string): string {
  return text
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, "$1$2[redacted]")
    .replace(/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, "Bearer [redacted]")
    .replace(/\b(secret|ntn)_[A-Za-z0-9]{10,}/g, "[redacted]");
}

export function classifyNotionError(error: unknown): NotionErrorClass {
  const verdict = classifyUnscrubbed(error);
  return verdict.kind === "fatal" ? { ...verdict, detail: scrubCredentials(verdict.detail) } : verdict;
}

function classifyUnscrubbed(error: unknown): NotionErrorClass {
  if (error instanceof NotionSetupError) return { kind: "fatal", problem: error.problem, detail: error.message };
  if (RequestTimeoutError.isRequestTimeoutError(error)) return { kind: "retry", uncertain: true };
  if (APIResponseError.isAPIResponseError(error)) return classifyApiError(error);
  if (UnknownHTTPResponseError.isUnknownHTTPResponseError(error)) return classifyUnknownHttp(error);
  if (isNotionClientError(error)) return { kind: "fatal", problem: "validation", detail: error.message };
  const network = networkCode(error);
  if (network) return { kind: "retry", uncertain: !NOT_SENT_CODES.has(network) };
  // Anything else (a bug, an unexpected throw): retrying is safe because creates are looked up first.
  return { kind: "retry", uncertain: true };
}

function classifyApiError(error: APIResponseError): NotionErrorClass {
  switch (error.code) {
    case "rate_limited":
      return { kind: "retry", retryAfterMs: retryAfterMs(error.headers), uncertain: false };
    case "conflict_error":
      return { kind: "retry", uncertain: false };
    case "unauthorized":
      return {
        kind: "fatal",
        problem: "unauthorized",
        detail: "the Notion API key was rejected (401): check NOTION_API_KEY",
      };
    case "restricted_resource":
    case "object_not_found":
      return { kind: "fatal", problem: "not_shared", detail: `${error.message.trim()} — ${SHARE_HINT}` };
    case "validation_error":
      return classifyValidation(error.message);
  }
  if (error.status === 429) return { kind: "retry", retryAfterMs: retryAfterMs(error.headers), uncertain: false };
  if (error.status >= 500) return { kind: "retry", uncertain: true };
  return { kind: "fatal", problem: "validation", detail: `${error.code}: ${error.message}` };
}

function classifyUnknownHttp(error: UnknownHTTPResponseError): NotionErrorClass {
  if (error.status === 401)
    return {
      kind: "fatal",
      problem: "unauthorized",
      detail: "the Notion API key was rejected (401): check NOTION_API_KEY",
    };
  if (error.status === 429) return { kind: "retry", retryAfterMs: retryAfterMs(error.headers), uncertain: false };
  return { kind: "retry", uncertain: error.status >= 500 };
}

/** Notion's messages name the property in a few shapes; bad_property only when we can tell which. */
const PROPERTY_PATTERNS: RegExp[] = [
  /^(.+?) is not a property that exists/,
  /Could not find property with name or id:\s*(.+?)\.?$/,
  /^(.+?) is expected to be \w+/,
  /body\.properties\.([^.\s]+)\./,
  /property[ :]+["“]?([^"”]+?)["”]? (?:does not exist|not found)/i,
];

function classifyValidation(message: string): NotionErrorClass {
  for (const pattern of PROPERTY_PATTERNS) {
    const match = pattern.exec(message.trim());
    if (match) return { kind: "fatal", problem: "bad_property", detail: `property ${match[1]}: ${message.trim()}` };
  }
  if (/status option|select option/i.test(message))
    return { kind: "fatal", problem: "bad_property", detail: message.trim() };
  return { kind: "fatal", problem: "validation", detail: message.trim() };
}

/** Retry-After is delta-seconds or an HTTP date. */
export function retryAfterMs(headers: unknown): number | undefined {
  const value = readHeader(headers, "retry-after");
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

/** fetch wraps socket errors as `TypeError: fetch failed` with the system error as `cause`. */
function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  if (error instanceof TypeError && /fetch failed|network|socket/i.test(error.message)) return "ECONNRESET";
  return undefined;
}

/** A one-line description for logs and the job's error column (credentials scrubbed). */
export function describeNotionError(error: unknown): string {
  return scrubCredentials(describeUnscrubbed(error));
}

function describeUnscrubbed(error: unknown): string {
  if (APIResponseError.isAPIResponseError(error)) return `Notion ${error.status} ${error.code}: ${error.message}`;
  if (UnknownHTTPResponseError.isUnknownHTTPResponseError(error))
    return `Notion HTTP ${error.status}: ${error.body.slice(0, 200)}`;
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

export type SyncErrorKind = "unauthorized" | "not_shared" | "validation" | "rate_limited" | "unreachable" | "other";

/** What a stored job error (describeNotionError's line) means, for a summary in the owner's language. */
export function syncErrorKind(description: string): SyncErrorKind {
  if (/Notion 401|unauthorized/i.test(description)) return "unauthorized";
  if (/Notion 404|object_not_found|share the database|Could not find/i.test(description)) return "not_shared";
  if (/Notion 429|rate_limited/i.test(description)) return "rate_limited";
  if (/Notion (HTTP )?5\d\d|timed? ?out|ECONN|ENOTFOUND|EAI_AGAIN|fetch failed|socket|network/i.test(description))
    return "unreachable";
  if (/Notion 400|Notion 409|validation|property/i.test(description)) return "validation";
  return "other";
}
