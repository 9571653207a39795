import { describe, expect, it } from "vitest";
import { cutText, cutToUnits } from "../src/domain/text-cut.ts";
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
