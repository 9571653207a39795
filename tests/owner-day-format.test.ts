import { describe, expect, test } from "vitest";
import { dayIn } from "../src/bot/owner-time-zone.ts";

describe("dates printed on cards and PDFs", () => {
  test("are the owner's calendar day in the seed's dd.mm.yyyy format", () => {
    const instant = Date.UTC(2026, 10, 25, 22, 30); // 25 Nov 22:30 UTC
    expect(dayIn("UTC", instant)).toBe("25.11.2026");
    expect(dayIn("Europe/Moscow", instant)).toBe("26.11.2026");
    expect(dayIn("America/Los_Angeles", instant)).toBe("25.11.2026");
    expect(dayIn("Pacific/Kiritimati", Date.UTC(2026, 11, 31, 11))).toBe("01.01.2027");
  });

  test("accept ISO strings as stored for a project's creation", () => {
    expect(dayIn("Asia/Vladivostok", "2026-03-01T15:00:00.000Z")).toBe("02.03.2026");
  });
});
