import { describe, expect, it } from "vitest";
import { cutText, cutToCodePoints, cutToUnits, fitFileName } from "../src/domain/text-cut.ts";
import { fitLines } from "../src/bot/message-fit.ts";

describe("cutting text for Telegram", () => {
  it("cuts by grapheme: emoji, flags and combining marks stay whole", () => {
    expect(cutText("ab🪑🪑🪑", 4)).toBe("ab🪑…");
    expect(cutText("🇷🇺🇷🇺🇷🇺", 2)).toBe("🇷🇺…");
    expect(cutText("й̆й̆й̆", 2)).toBe("й̆…");
    expect(cutText("short", 10)).toBe("short");
  });

  it("keeps the UTF-16 length within the room left in a caption", () => {
    const cut = cutToUnits("😀".repeat(10), 7);
    expect(cut).toBe("😀😀😀…");
    expect(cut.length).toBeLessThanOrEqual(7);
  });

  it("keeps a voice note's name within the name limit counted in code points, never splitting a letter", () => {
    const cut = cutToCodePoints("й̆".repeat(10), 7);
    expect(cut).toBe("й̆й̆й̆…");
    expect([...cut].length).toBeLessThanOrEqual(7);
    expect(cutToCodePoints("Лампа", 5)).toBe("Лампа");
  });

  it("fits a list into one message and says how many were left out", () => {
    const items = Array.from({ length: 50 }, (_, i) => `${i}. ${"я".repeat(150)}`);
    const text = fitLines(["<b>Title</b>", ""], items, (n) => `… ${n} more`, [], 4096);
    expect([...text.replace(/<[^>]+>/g, "")].length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/… (\d+) more$/);
    const hidden = Number(text.match(/… (\d+) more$/)![1]);
    expect(text.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(50 - hidden);
    expect(fitLines(["a"], ["b", "c"], () => "x")).toBe("a\nb\nc");
  });
});

describe("snoozing until tomorrow", () => {
  it("means 10:00 tomorrow in the owner's time zone, after the quiet hours when they cover it", async () => {
    const { tomorrowMorning } = await import("../src/domain/reminder-time.ts");
    const lateNight = new Date("2026-12-02T20:30:00Z"); // 23:30 in Moscow
    expect(tomorrowMorning(lateNight, "Europe/Moscow", null).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(tomorrowMorning(lateNight, "Asia/Tokyo", null).toISOString()).toBe("2026-12-04T01:00:00.000Z"); // already the 3rd there
    const quiet = { start: 22 * 60, end: 11 * 60 };
    expect(tomorrowMorning(lateNight, "Europe/Moscow", quiet).toISOString()).toBe("2026-12-03T08:00:00.000Z");
    // The night Berlin leaves summer time: 10:00 local is 09:00 UTC the next day.
    expect(tomorrowMorning(new Date("2026-10-24T20:00:00Z"), "Europe/Berlin", null).toISOString()).toBe(
      "2026-10-25T09:00:00.000Z",
    );
  });
});

describe("fitFileName", () => {
  const bytes = (text: string) => new TextEncoder().encode(text).length;

  it("keeps a name that fits as it is", () => {
    expect(fitFileName("12-Стул_Card.pdf")).toBe("12-Стул_Card.pdf");
  });

  it("cuts a 478-byte name to ≤ 255 bytes by whole characters, the extension kept", () => {
    const name = `7-${"Кресло_🪑_".repeat(30)}.pdf`;
    expect(bytes(name)).toBeGreaterThan(450);
    const fitted = fitFileName(name);
    expect(bytes(fitted)).toBeLessThanOrEqual(255);
    expect(bytes(fitted)).toBeGreaterThan(240);
    expect(fitted.endsWith(".pdf")).toBe(true);
    expect(fitted.startsWith("7-Кресло_🪑_")).toBe(true);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|\uFFFD/);
  });

  it("a name without an extension is cut as a whole", () => {
    expect(bytes(fitFileName("ж".repeat(300)))).toBe(254);
  });
});
