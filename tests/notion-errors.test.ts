import { APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import {
  NotionSetupError,
  classifyNotionError,
  describeNotionError,
  retryAfterMs,
} from "../src/services/notion/notion-errors.ts";

function apiError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): APIResponseError {
  const body = JSON.stringify({ object: "error", status, code, message });
  return new APIResponseError({
    code: code as never,
    status,
    message,
    headers: new Headers(headers),
    rawBodyText: body,
    additional_data: undefined,
    request_id: undefined,
  });
}

describe("classifyNotionError", () => {
  it("names the property of a validation error when Notion does", () => {
    for (const message of [
      "Status is not a property that exists.",
      "Could not find property with name or id: Status",
      "Status is expected to be status.",
    ]) {
      const verdict = classifyNotionError(apiError(400, "validation_error", message));
      expect(verdict).toMatchObject({ kind: "fatal", problem: "bad_property" });
      expect(verdict.kind === "fatal" && verdict.detail).toContain("Status");
    }
    expect(
      classifyNotionError(
        apiError(400, "validation_error", "body failed validation: body.children should be an array"),
      ),
    ).toMatchObject({
      kind: "fatal",
      problem: "validation",
    });
  });

  it("maps setup, auth and sharing problems", () => {
    expect(classifyNotionError(new NotionSetupError("bad_property", "no property named Stage"))).toEqual({
      kind: "fatal",
      problem: "bad_property",
      detail: "no property named Stage",
    });
    expect(classifyNotionError(apiError(401, "unauthorized", "API token is invalid."))).toMatchObject({
      kind: "fatal",
      problem: "unauthorized",
    });
    expect(classifyNotionError(apiError(404, "object_not_found", "Could not find database with ID: x."))).toMatchObject(
      { kind: "fatal", problem: "not_shared" },
    );
    expect(classifyNotionError(apiError(400, "invalid_request", "bad"))).toMatchObject({
      kind: "fatal",
      problem: "validation",
    });
  });

  it("retries rate limits, conflicts, server errors, timeouts and network failures", () => {
    expect(classifyNotionError(apiError(429, "rate_limited", "slow down", { "Retry-After": "2" }))).toEqual({
      kind: "retry",
      retryAfterMs: 2000,
      uncertain: false,
    });
    expect(classifyNotionError(apiError(409, "conflict_error", "conflict"))).toEqual({
      kind: "retry",
      uncertain: false,
    });
    expect(classifyNotionError(apiError(502, "internal_server_error", "oops"))).toEqual({
      kind: "retry",
      uncertain: true,
    });
    expect(classifyNotionError(new RequestTimeoutError())).toEqual({ kind: "retry", uncertain: true });
    const html = new UnknownHTTPResponseError({
      status: 502,
      message: undefined,
      headers: new Headers(),
      rawBodyText: "<html>Bad gateway</html>",
    });
    expect(classifyNotionError(html)).toEqual({ kind: "retry", uncertain: true });
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    expect(classifyNotionError(reset)).toEqual({ kind: "retry", uncertain: true });
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    expect(classifyNotionError(refused)).toEqual({ kind: "retry", uncertain: false });
    expect(describeNotionError(reset)).toBe("fetch failed (socket hang up)");
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "5" }))).toBe(5000);
    expect(retryAfterMs({ "Retry-After": "1" })).toBe(1000);
    const later = retryAfterMs(new Headers({ "retry-after": new Date(Date.now() + 10_000).toUTCString() }))!;
    expect(later).toBeGreaterThan(8000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
