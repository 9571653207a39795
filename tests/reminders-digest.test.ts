import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf, isButton } from "./support/owner-chat.ts";
import { sqlite } from "./support/reminders-db.ts";
import { Buttons } from "../src/bot/buttons.ts";

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isDigest = (text: unknown) => /^(💡 За неделю не появилось|👀 За неделю новых идей)/.test(String(text));

/** A cron (UTC, with seconds) that fires once, `seconds` from now. */
function cronIn(seconds: number): string {
  const at = new Date(Date.now() + seconds * 1000);
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
}

describe("the weekly idea digest", () => {
  let session: BotSession;
  let db: ReturnType<typeof sqlite>;
  const digests = () => session.api.callsOf("sendMessage").filter((call) => isDigest(call.payload.text));
  beforeAll(async () => {
    session = new BotSession({
      env: { REMINDER_CRON: "*/2 * * * * *", IDEA_DIGEST_CRON: cronIn(8), BOT_TIMEZONE: "UTC" },
    });
    await session.start();
    db = sqlite(session);
    // Four ideas nobody touched for weeks, none added this week.
    for (const [name, days] of [
      ["Старая А", 40],
      ["Старая Б", 30],
      ["Старая <В>", 20],
      ["Старая Г", 10],
    ] as const) {
      db.project(name, { status: "idea", interval: null, createdAt: ago(days * DAY), updatedAt: ago(days * DAY) });
    }
  });
  afterAll(() => session.close());

  it("nudges with 'Add an idea' when no idea came this week, listing the 3 ideas untouched the longest with their buttons", async () => {
    const digest = await session.api.waitForCall(
      (call) => call.method === "sendMessage" && isDigest(call.payload.text),
      { timeoutMs: 20_000 },
    );
    expect(digest.payload.text).toBe(
      "💡 За неделю не появилось ни одной новой идеи. Может, запишем одну?\n\nДавно не трогали:\n• Старая А\n• Старая Б\n• Старая &lt;В&gt;",
    );
    const ids = db.all("SELECT id FROM Project ORDER BY id").map((row) => row.id as number);
    const data = buttonsOf(digest).map((b) => b.data);
    expect(data[0]).toBe(Buttons.nav.pack({ screen: "new" }));
    expect(data.slice(1, 10)).toEqual([
      Buttons.project.pack({ id: ids[0], action: "activate" }),
      Buttons.reminder.pack({ action: "archiveIdea", n: ids[0] }),
      Buttons.reminder.pack({ action: "snoozeIdea", n: ids[0] }),
      Buttons.project.pack({ id: ids[1], action: "activate" }),
      Buttons.reminder.pack({ action: "archiveIdea", n: ids[1] }),
      Buttons.reminder.pack({ action: "snoozeIdea", n: ids[1] }),
      Buttons.project.pack({ id: ids[2], action: "activate" }),
      Buttons.reminder.pack({ action: "archiveIdea", n: ids[2] }),
      Buttons.reminder.pack({ action: "snoozeIdea", n: ids[2] }),
    ]);
    expect(data[10]).toMatch(/^r:dt:\d+$/);
    await sleep(4_000);
    expect(digests()).toHaveLength(1);
  });

  it("'Remind me tomorrow' brings the same digest back a day after its slot, once", async () => {
    const tomorrow = buttonsOf(digests()[0]).find((b) =>
      isButton(Buttons.reminder, b.data, { action: "digestAgain" }),
    )!.data!;
    const slot = Number(tomorrow.split(":")[2]) * 1000;
    const answer = await session.chat.tap(tomorrow);
    expect(answer.method).toBe("editMessageText");
    expect(answer.payload.text).toContain("напомню завтра");
    expect(db.get("SELECT value FROM Setting WHERE key = 'digest:pending'")).toEqual({
      value: new Date(slot + DAY).toISOString(),
    });
    await sleep(3_000);
    expect(digests()).toHaveLength(1);

    // Meanwhile an idea got a deadline five days ahead (not a countdown day, so no reminder of its own).
    const inFiveDays = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    db.run("UPDATE Project SET deadlineDate = ? WHERE name = 'Старая Г'", inFiveDays);
    // A day passes (moved in the database instead of waiting).
    db.run("UPDATE Setting SET value = ? WHERE key = 'digest:pending'", ago(1000));
    await session.api.waitForCall(() => digests().length === 2);
    await sleep(4_000);
    expect(digests()).toHaveLength(2);
    // The digest names the coming week's deadlines.
    expect(digests()[1].payload.text).toMatch(/\n\n⏳ Сроки на этой неделе:\n• Старая Г — \d+ [а-я]+, через 5 дней$/);
    expect(db.get("SELECT COUNT(*) AS n FROM Setting WHERE key = 'digest:pending'")).toEqual({ n: 0 });
  });

  it("archives a stale idea and hides another for four weeks from the digest's buttons", async () => {
    const [first, second] = db.all("SELECT id FROM Project ORDER BY id").map((row) => row.id as number);
    const archived = await session.chat.tap(Buttons.reminder.pack({ action: "archiveIdea", n: first }));
    expect(archived.payload.text).toContain("в архиве");
    expect(db.get("SELECT status FROM Project WHERE id = ?", first)).toEqual({ status: "archived" });
    // Only that idea's rows left the digest: the others and "remind me tomorrow" are still there.
    const left = buttonsOf(archived).map((b) => b.data);
    expect(left).not.toContain(Buttons.reminder.pack({ action: "archiveIdea", n: first }));
    expect(left).toEqual(
      expect.arrayContaining([
        Buttons.reminder.pack({ action: "archiveIdea", n: second }),
        Buttons.reminder.pack({ action: "snoozeIdea", n: second }),
      ]),
    );
    expect(left.some((d) => isButton(Buttons.reminder, d, { action: "digestAgain" }))).toBe(true);
    // Each idea's short buttons share a row, under the idea's own 🚀 button that names it.
    expect(
      buttonsOf(archived).find((b) => b.data === Buttons.reminder.pack({ action: "archiveIdea", n: second }))!.text,
    ).toBe("🗄 В архив");
    expect(
      buttonsOf(archived).find((b) => b.data === Buttons.reminder.pack({ action: "snoozeIdea", n: second }))!.text,
    ).toContain("4 недели");
    const snoozed = await session.chat.tap(Buttons.reminder.pack({ action: "snoozeIdea", n: second }));
    expect(snoozed.payload.text).toContain("в архиве");
    expect(snoozed.payload.text).toContain("вернётся в подборку");
    const until = new Date(db.get("SELECT snoozedUntil FROM Project WHERE id = ?", second).snoozedUntil).getTime();
    expect(Math.abs(until - (Date.now() + 28 * DAY))).toBeLessThan(10_000);
  });

  it("asks to review when ideas came this week, and skips archived and snoozed ideas", async () => {
    db.project("Новая идея", { status: "idea", interval: null });
    db.run(
      "INSERT INTO Setting (key, value, updatedAt) VALUES ('digest:pending', ?, ?)",
      ago(2000),
      new Date().toISOString(),
    );
    await session.api.waitForCall(() => digests().length === 3);
    const digest = digests()[2];
    // Старая Г still carries the deadline given to it above.
    expect(digest.payload.text).toMatch(
      /^👀 За неделю новых идей: 1\. Пора их просмотреть!\n\nДавно не трогали:\n• Старая &lt;В&gt;\n• Старая Г\n\n⏳ Сроки/,
    );
    expect(buttonsOf(digest)[0]).toEqual({
      text: "👀 Посмотреть идеи",
      data: Buttons.nav.pack({ screen: "list", status: "idea" }),
      url: undefined,
    });
    await sleep(500);
    expect(
      db.all("SELECT key, value FROM Setting WHERE key LIKE 'digest:%' ORDER BY key").map((row) => row.key),
    ).toEqual(["digest:last"]);
  });

  it("defers the digest during quiet hours", async () => {
    // Quiet the whole day except one minute twelve hours away.
    const hour = (new Date().getUTCHours() + 12) % 24;
    db.run(
      "INSERT INTO Setting (key, value, updatedAt) VALUES ('reminders:quiet', ?, ?)",
      JSON.stringify({ start: hour * 60 + 1, end: hour * 60 }),
      new Date().toISOString(),
    );
    db.run(
      "INSERT INTO Setting (key, value, updatedAt) VALUES ('digest:pending', ?, ?)",
      ago(3000),
      new Date().toISOString(),
    );
    await sleep(5_000);
    expect(digests()).toHaveLength(3);
    db.run("DELETE FROM Setting WHERE key = 'reminders:quiet'");
    await session.api.waitForCall(() => digests().length === 4);
  });
});
