import { describe, expect, it } from "vitest";
import { changesMessage, offersMessage } from "../src/bot/features/notion-pull/messages.ts";
import type { PulledChange } from "../src/jobs/notion-pull.ts";
import type { PageOffer } from "../src/db/notion-pull-repository.ts";

/** Every key with its variables spelled out: as long as a real text, or longer. */
const t = (key: string, variables?: Record<string, unknown>) => `${key} ${JSON.stringify(variables ?? {})}`;
const long = (word: string) => `${word} ${"дуб🪑".repeat(1068)}`;

describe("the Notion pull's messages fit one Telegram message", () => {
  it("sixty long renames: the ones that fit, then how many more", () => {
    const changes: PulledChange[] = Array.from({ length: 60 }, (_, i) => ({
      projectId: i + 1,
      name: long(`Полка ${i}`),
      newName: long(`Шкаф ${i}`),
      fromStatus: "idea",
      toStatus: "active",
      description: long("Описание"),
    }));
    const { text, keyboard } = changesMessage(t, changes);
    // Telegram counts characters (code points) of the text after parsing; the test's texts have no HTML.
    expect([...text].length).toBeLessThanOrEqual(4096);
    const shown = text.split("\n").filter((line) => line.startsWith("np-change-renamed")).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(60);
    expect(text.split("\n").at(-1)).toBe(`np-changes-more {"count":${60 - shown}}`);
    expect([...text].length).toBeGreaterThan(3500); // as many as fit, not a handful
    expect(keyboard.inline_keyboard.filter((row) => row.length > 0).length).toBe(8);
  });

  it("eight offers of 4 277-character titles", () => {
    const offers: PageOffer[] = Array.from({ length: 8 }, (_, i) => ({
      id: i + 1,
      pageId: `page-${i}`,
      title: long(`Стул ${i}`),
      state: "offered",
    }));
    const { text } = offersMessage(t, offers);
    expect([...text].length).toBeLessThanOrEqual(4096);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
