import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import { remindersAbout, sqlite } from "./support/reminders-db.ts";
import { Buttons } from "../src/bot/buttons.ts";

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** REMINDER_CRON fires every 2 s; waiting 5 s spans at least two checks. */
const TWO_TICKS = 5_000;

describe("interval reminders for active projects", () => {
  const session = new BotSession({
    env: { REMINDER_CRON: "*/2 * * * * *", IDEA_DIGEST_CRON: "0 0 1 1 *", BOT_TIMEZONE: "UTC" },
  });
  let db: ReturnType<typeof sqlite>;
  beforeAll(async () => {
    await session.start();
    db = sqlite(session);
  });
  afterAll(() => session.close());

  it("sends a due reminder exactly once, with the card's buttons plus snooze and pause; never for not-due, ideas, archived or 'never'", async () => {
    const due = db.project("Лампа <Луна> & Co", { interval: 7, activatedAt: ago(8 * DAY) });
    db.project("Свежий", { interval: 7, activatedAt: ago(1 * DAY) });
    db.project("Идея", { status: "idea", interval: 1, activatedAt: ago(10 * DAY) });
    db.project("Архив", { status: "archived", interval: 1, activatedAt: ago(10 * DAY) });
    db.project("Никогда", { interval: null, activatedAt: ago(100 * DAY) });

    const reminder = await session.api.waitForCall(
      (call) => call.method === "sendMessage" && String(call.payload.text).includes("Луна"),
    );
    expect(reminder.payload.text).toBe("⏰ Как продвигается работа над «Лампа &lt;Луна&gt; &amp; Co»?");
    const data = buttonsOf(reminder).map((b) => b.data);
    // Only what a reminder needs: the card, complete, snooze, pause.
    expect(data.slice(0, 2)).toEqual([
      Buttons.project.pack({ id: due, action: "open" }),
      Buttons.project.pack({ id: due, action: "complete" }),
    ]);
    expect(data.slice(-4)).toEqual([
      Buttons.reminder.pack({ action: "snooze", n: due, arg: "h" }),
      Buttons.reminder.pack({ action: "snooze", n: due, arg: "d" }),
      Buttons.reminder.pack({ action: "snooze", n: due, arg: "w" }),
      Buttons.reminder.pack({ action: "pause", n: due }),
    ]);
    await sleep(TWO_TICKS);
    const sent = session.api
      .callsOf("sendMessage")
      .filter((call) => String(call.payload.text).startsWith("⏰ Как продвигается"));
    expect(sent.map((call) => call.payload.text)).toEqual([reminder.payload.text]);
    const row = db.get("SELECT lastRemindedAt, snoozedUntil FROM Project WHERE id = ?", due);
    expect(Date.now() - new Date(row.lastRemindedAt).getTime()).toBeLessThan(15_000);
    expect(
      db
        .all("SELECT key, sentAt FROM ReminderClaim")
        .map((claim) => [claim.key.split(":").slice(0, 2).join(":"), Boolean(claim.sentAt)]),
    ).toEqual([[`p:${due}`, true]]);
  });

  it("changes the interval from the card the reminder opens", async () => {
    const id = (db.get("SELECT id FROM Project WHERE name LIKE 'Лампа%'") as { id: number }).id;
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    const ask = await session.chat.tap(Buttons.project.pack({ id, action: "interval" }));
    expect(ask.payload.text).toContain("Как часто напоминать");
    const card = await session.chat.tap(Buttons.project.pack({ id, action: "setint", arg: "14" }));
    expect(card.payload.text).toContain("раз в 2 недели");
    expect(db.get("SELECT reminderIntervalDays AS d FROM Project WHERE id = ?", id)).toEqual({ d: 14 });
  });

  it("snoozes for an hour: nothing until the snooze ends, then one reminder", async () => {
    const id = db.project("Кресло", { interval: 30, activatedAt: ago(31 * DAY) });
    await session.api.waitForCall((call) => remindersAbout(session, "Кресло").includes(call));
    const snoozed = await session.chat.tap(Buttons.reminder.pack({ action: "snooze", n: id, arg: "h" }));
    expect(snoozed.method).toBe("editMessageText");
    expect(snoozed.payload.text).toContain("Напомню о «Кресло»");
    const until = new Date(db.get("SELECT snoozedUntil FROM Project WHERE id = ?", id).snoozedUntil).getTime();
    expect(Math.abs(until - (Date.now() + 3_600_000))).toBeLessThan(10_000);
    await sleep(TWO_TICKS);
    expect(remindersAbout(session, "Кресло")).toHaveLength(1);

    // The hour has passed (moved into the past in the database rather than waiting).
    db.run("UPDATE Project SET snoozedUntil = ? WHERE id = ?", ago(1000), id);
    await session.api.waitForCall(() => remindersAbout(session, "Кресло").length === 2);
    await sleep(TWO_TICKS);
    expect(remindersAbout(session, "Кресло")).toHaveLength(2);
    // The snooze is used up: the next one is the interval after this reminder.
    expect(db.get("SELECT snoozedUntil FROM Project WHERE id = ?", id)).toEqual({ snoozedUntil: null });
  });

  it("snoozes until tomorrow and next week", async () => {
    const id = (db.get("SELECT id FROM Project WHERE name = 'Кресло'") as { id: number }).id;
    const answer = await session.chat.tap(Buttons.reminder.pack({ action: "snooze", n: id, arg: "d" }));
    // "Tomorrow" is tomorrow's morning in the owner's time zone (UTC here), not 24 hours from the tap.
    const tomorrow = new Date(db.get("SELECT snoozedUntil FROM Project WHERE id = ?", id).snoozedUntil);
    const expected = new Date(Date.now() + DAY);
    expected.setUTCHours(10, 0, 0, 0);
    expect(tomorrow.toISOString()).toBe(expected.toISOString());
    expect(String(answer.payload.text)).toContain("10:00");
    // The same reminder's other snooze button, as an earlier reminder about it still shows it.
    await session.chat.tapOld(Buttons.reminder.pack({ action: "snooze", n: id, arg: "w" }));
    const week = new Date(db.get("SELECT snoozedUntil FROM Project WHERE id = ?", id).snoozedUntil).getTime();
    expect(Math.abs(week - (Date.now() + 7 * DAY))).toBeLessThan(10_000);
  });

  it("pauses a project's reminders and resumes them counting from now", async () => {
    const id = db.project("Стол", { interval: 1, activatedAt: ago(2 * DAY) });
    await session.api.waitForCall(() => remindersAbout(session, "Стол").length === 1);
    const paused = await session.chat.tap(Buttons.reminder.pack({ action: "pause", n: id }));
    expect(paused.payload.text).toContain("на паузе");
    expect(db.get("SELECT reminderIntervalDays AS d FROM Project WHERE id = ?", id)).toEqual({ d: null });
    db.run("UPDATE Project SET lastRemindedAt = ? WHERE id = ?", ago(40 * DAY), id);
    await sleep(TWO_TICKS);
    expect(remindersAbout(session, "Стол")).toHaveLength(1);

    const resumed = await session.chat.tap(Buttons.reminder.pack({ action: "resume", n: id, arg: "1" }));
    expect(resumed.payload.text).toContain("снова включены");
    const row = db.get("SELECT reminderIntervalDays AS d, lastRemindedAt FROM Project WHERE id = ?", id);
    expect(row.d).toBe(1);
    expect(Date.now() - new Date(row.lastRemindedAt).getTime()).toBeLessThan(10_000);
    await sleep(TWO_TICKS);
    expect(remindersAbout(session, "Стол")).toHaveLength(1);
  });

  it("a snooze button on a project that is no longer active says so", async () => {
    const id = (db.get("SELECT id FROM Project WHERE name = 'Стол'") as { id: number }).id;
    db.run("UPDATE Project SET status = 'archived' WHERE id = ?", id);
    const answer = await session.chat.tapOld(
      Buttons.reminder.pack({ action: "snooze", n: id, arg: "h" }),
      (call) => call.method === "answerCallbackQuery",
    );
    expect(answer.payload.text).toContain("уже не в работе");
  });

  it("a failed send releases the claim and is retried; the failure does not hold back other projects", async () => {
    session.api.failNext("sendMessage", { error_code: 400, description: "Bad Request: something odd" });
    db.project("Ваза", { interval: 7, activatedAt: ago(8 * DAY) });
    db.project("Ковёр", { interval: 7, activatedAt: ago(9 * DAY) });
    await session.api.waitForCall(
      () => remindersAbout(session, "Ваза").length === 1 && remindersAbout(session, "Ковёр").length === 1,
      { timeoutMs: 15_000 },
    );
    await sleep(TWO_TICKS);
    // Two attempts reached Telegram for the first one (the failed and the retried), one for the other.
    const attempts = session.api
      .callsOf("sendMessage")
      .filter((call) => /«(Ваза|Ковёр)»/.test(String(call.payload.text)));
    expect(attempts).toHaveLength(3);
    expect(session.bot.output).toContain("reminder not delivered; it will be retried");
  });

  it("a blocked bot (403) is logged once and not retried", async () => {
    session.api.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, 2);
    db.project("Полка", { interval: 7, activatedAt: ago(8 * DAY) });
    db.project("Табурет", { interval: 7, activatedAt: ago(8 * DAY) });
    await session.api.waitForCall(
      () =>
        session.api.callsOf("sendMessage").filter((call) => /«(Полка|Табурет)»/.test(String(call.payload.text)))
          .length === 2,
    );
    await sleep(TWO_TICKS);
    expect(
      session.api.callsOf("sendMessage").filter((call) => /«(Полка|Табурет)»/.test(String(call.payload.text))),
    ).toHaveLength(2);
    expect(session.bot.output.match(/the owner blocked the bot/g)).toHaveLength(1);
  });
});

describe("catch-up after downtime", () => {
  // The cron never fires during the test: whatever is sent comes from the start-up check.
  const env = { REMINDER_CRON: "0 0 1 1 *", IDEA_DIGEST_CRON: "0 0 1 1 *", BOT_TIMEZONE: "UTC" };
  const session = new BotSession({ env });
  afterAll(() => session.close());

  it("sends a reminder that fell due many ticks ago once at start-up, and once only across restarts", async () => {
    await session.start();
    const db = sqlite(session);
    await session.bot.stop();
    db.project("Часы", { interval: 1, activatedAt: ago(30 * DAY) });
    await session.crashAndRestart();
    await session.api.waitForCall(() => remindersAbout(session, "Часы").length === 1);
    await session.crashAndRestart();
    await sleep(3_000);
    expect(remindersAbout(session, "Часы")).toHaveLength(1);
  });
});

describe("quiet hours", () => {
  // No cron tick during the test: only the wake-up at the end of the quiet hours can send.
  const session = new BotSession({
    env: { REMINDER_CRON: "0 0 1 1 *", IDEA_DIGEST_CRON: "0 0 1 1 *", BOT_TIMEZONE: "UTC" },
  });
  afterAll(() => session.close());

  it("holds a due reminder during quiet hours and sends it when they end (no cron tick needed)", async () => {
    if (new Date().getUTCSeconds() > 45) await sleep((61 - new Date().getUTCSeconds()) * 1000);
    await session.start();
    const db = sqlite(session);
    const minute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    db.run(
      "INSERT INTO Setting (key, value, updatedAt) VALUES ('reminders:quiet', ?, ?)",
      JSON.stringify({ start: (minute + 1430) % 1440, end: (minute + 1) % 1440 }),
      new Date().toISOString(),
    );
    await session.bot.stop();
    db.project("Тихий", { interval: 1, activatedAt: ago(3 * DAY) });
    await session.crashAndRestart();
    await sleep(2_000);
    expect(remindersAbout(session, "Тихий")).toHaveLength(0);
    await session.api.waitForCall(() => remindersAbout(session, "Тихий").length === 1, { timeoutMs: 75_000 });
    const [sent] = remindersAbout(session, "Тихий");
    expect(sent.at, session.bot.output.slice(-2500)).toBeGreaterThanOrEqual(end.getTime());
    expect(sent.at - end.getTime()).toBeLessThan(5_000);
  }, 90_000);
});
