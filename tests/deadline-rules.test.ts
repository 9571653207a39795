import { describe, expect, it } from "vitest";
import {
  compareDeadlines,
  daysLeft,
  deadlineEnd,
  deadlineOf,
  localDay,
  pickedDeadline,
  urgencyOf,
} from "../src/domain/deadline.ts";

// 23:30 in Moscow on Sunday 6 December 2026 is already Monday 7 December in Vladivostok (UTC+10).
const LATE_EVENING = new Date("2026-12-06T20:30:00Z");

describe("deadline rules", () => {
  it("counts whole days from the owner's today, in their zone", () => {
    expect(localDay(LATE_EVENING, "Europe/Moscow")).toBe("2026-12-06");
    expect(localDay(LATE_EVENING, "Asia/Vladivostok")).toBe("2026-12-07");
    expect(daysLeft({ date: "2026-12-07" }, LATE_EVENING, "Europe/Moscow")).toBe(1);
    expect(daysLeft({ date: "2026-12-07" }, LATE_EVENING, "Asia/Vladivostok")).toBe(0);
    expect(daysLeft({ date: "2026-12-04" }, LATE_EVENING, "Europe/Moscow")).toBe(-2);
    // Across a daylight-saving change (Berlin, 29 March 2026) a day is still one day.
    expect(daysLeft({ date: "2026-03-30" }, new Date("2026-03-28T12:00:00Z"), "Europe/Berlin")).toBe(2);
  });

  it("quick picks: a week, two weeks, a month (the last day of a shorter month)", () => {
    expect(pickedDeadline("week", LATE_EVENING, "Europe/Moscow")).toEqual({ date: "2026-12-13" });
    expect(pickedDeadline("twoWeeks", LATE_EVENING, "Asia/Vladivostok")).toEqual({ date: "2026-12-21" });
    expect(pickedDeadline("month", LATE_EVENING, "Europe/Moscow")).toEqual({ date: "2027-01-06" });
    expect(pickedDeadline("month", new Date("2027-01-31T09:00:00Z"), "Europe/Moscow")).toEqual({ date: "2027-02-28" });
  });

  it("groups by urgency and orders nearest first, a day without a time at its end", () => {
    expect([-1, 0, 7, 8].map(urgencyOf)).toEqual(["overdue", "week", "week", "later"]);
    const list = [{ date: "2026-12-10" }, { date: "2026-12-09", time: "18:00" }, { date: "2026-12-10", time: "09:00" }];
    expect(list.sort(compareDeadlines)).toEqual([
      { date: "2026-12-09", time: "18:00" },
      { date: "2026-12-10", time: "09:00" },
      { date: "2026-12-10" },
    ]);
  });

  it("reads back only a real day and time; anything else is no deadline", () => {
    expect(deadlineOf("2027-02-28", "18:30")).toEqual({ date: "2027-02-28", time: "18:30" });
    expect(deadlineOf("2027-02-28", "24:00")).toEqual({ date: "2027-02-28" });
    expect(deadlineOf("2027-02-29")).toBeNull();
    expect(deadlineOf("28.02.2027")).toBeNull();
    expect(deadlineOf(null)).toBeNull();
  });

  it("a deadline ends at its time, or at the end of its day, in the owner's zone", () => {
    expect(deadlineEnd({ date: "2026-12-15", time: "18:00" }, "Europe/Moscow").toISOString()).toBe(
      "2026-12-15T15:00:00.000Z",
    );
    expect(deadlineEnd({ date: "2026-07-01" }, "America/New_York").toISOString()).toBe("2026-07-02T03:59:00.000Z");
  });
});
