import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { addIdea, buttonsOf, isButton } from "./support/owner-chat.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { sqliteRows, sqliteRun } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";
import { afternoonZone, dayIn } from "./support/zones.ts";

const DAY_MS = 86_400_000;
/** A project's name in any of the quotes the bot's texts use (Russian «…», English “…”). */
const quoted = (name: string) => new RegExp(`[«„“']${name}[»“”']`);

describe("deadline countdown: 7, 3, 1 days before, on the day, then daily while overdue", () => {
  const zone = afternoonZone();
  const session = new BotSession({ env: { BOT_TIMEZONE: zone } });
  const dayFromToday = (offset: number) => dayIn(zone, offset);
  const sql = (query: string, ...params: unknown[]) => sqliteRun(session.databaseUrl, query, ...params);
  /** Messages the bot sent on its own (no update asked for them) that mention `name`, since call `since`. */
  const spoken = (name: string, since = 0): RecordedCall[] =>
    session.api.calls
      .slice(since)
      .filter((c) => c.method === "sendMessage" && quoted(name).test(String(c.payload.text)));
  const activeProject = async (name: string, interval: string) => {
    const id = await addIdea(session.chat, name, "Описание");
    await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "activate" }));
    await session.chat.tap(Buttons.project.pack({ id, action: "activate", arg: interval }));
    return id;
  };
  /** Restarts the bot (its start-up check runs whatever is due) and waits until that check has surely run. */
  const restartAndWaitFor = async (name: string) => {
    const since = session.api.calls.length;
    await session.crashAndRestart();
    await session.api.waitForCall((c) => c.method === "sendMessage" && String(c.payload.text).includes(name), {
      since,
    });
    return since;
  };
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it("three days before: one deadline reminder instead of the day's interval nudge, and only once across restarts", async () => {
    const id = await activeProject("Стеллаж", "1");
    // Set days ago, and the daily nudge is due as well.
    sql(
      "UPDATE Project SET deadlineDate = ?, lastRemindedAt = ? WHERE id = ?",
      dayFromToday(3),
      new Date(Date.now() - 2 * DAY_MS).toISOString(),
      id,
    );
    const since = await restartAndWaitFor("«Стеллаж»");
    await session.chat.settle();
    const words = spoken("Стеллаж", since);
    expect(words).toHaveLength(1);
    expect(words[0].payload.text).toContain("До срока «Стеллаж» 3 дня");
    expect(spoken("Стеллаж", since).some((c) => String(c.payload.text).includes("Как продвигается"))).toBe(false);
    const buttons = buttonsOf(words[0]).map((b) => b.data);
    expect(buttons).toEqual([
      Buttons.project.pack({ id, action: "complete" }),
      Buttons.project.pack({ id, action: "deadline" }),
      Buttons.reminder.pack({ action: "snoozeDeadline", n: id }),
      Buttons.project.pack({ id, action: "open" }),
    ]);

    // A marker project with an overdue deadline proves the next start-up check ran; Стеллаж stays silent in it.
    const marker = await activeProject("Маркер", "none");
    sql("UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(-1), marker);
    const again = await restartAndWaitFor("«Маркер»");
    await session.chat.settle();
    expect(spoken("Стеллаж", again)).toHaveLength(0);
  });

  it("overdue: said once a day with how late it is; 😴 keeps it quiet across a restart", async () => {
    const id = await activeProject("Табурет", "none");
    sql("UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(-2), id);
    const since = await restartAndWaitFor("«Табурет»");
    const [word] = spoken("Табурет", since);
    expect(word.payload.text).toContain("🔴 «Табурет» просрочен на 2 дня");

    const snooze = Buttons.reminder.pack({ action: "snoozeDeadline", n: id });
    const snoozed = await session.chat.tap(snooze);
    expect(snoozed.payload.text).toContain("Напомню о сроке «Табурет»");
    const [{ until }] = sqliteRows<{ until: string | number }>(
      session.databaseUrl,
      "SELECT deadlineSnoozedUntil AS until FROM Project WHERE id = ?",
      id,
    );
    expect(new Date(until).getTime()).toBeGreaterThan(Date.now() + 2 * DAY_MS);

    // Today's word is already said; forget it, so only the snooze can keep the next check quiet.
    sql("DELETE FROM ReminderClaim WHERE key LIKE ?", `d:${id}:%`);
    const marker = await activeProject("Маркер 2", "none");
    sql("UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(-1), marker);
    const again = await restartAndWaitFor("«Маркер 2»");
    await session.chat.settle();
    expect(spoken("Табурет", again)).toHaveLength(0);
  });

  it("a deadline set today is not repeated back, and a day outside the countdown says nothing", async () => {
    const fresh = await activeProject("Ваза", "none");
    await session.chat.tap(Buttons.project.pack({ id: fresh, action: "deadline" }));
    await session.chat.send("через 3 дня");
    expect(sqliteRows(session.databaseUrl, "SELECT deadlineDate FROM Project WHERE id = ?", fresh)).toEqual([
      { deadlineDate: dayFromToday(3) },
    ]);
    const quiet = await activeProject("Кашпо", "none");
    sql("UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(5), quiet);
    const marker = await activeProject("Маркер 3", "none");
    sql("UPDATE Project SET deadlineDate = ? WHERE id = ?", dayFromToday(0), marker);
    const since = await restartAndWaitFor("«Маркер 3»");
    await session.chat.settle();
    expect(spoken("Маркер 3", since)[0].payload.text).toContain("Сегодня срок «Маркер 3»");
    expect(spoken("Ваза", since)).toHaveLength(0);
    expect(spoken("Кашпо", since)).toHaveLength(0);
    expect(
      buttonsOf(spoken("Маркер 3", since)[0]).some((b) => isButton(Buttons.project, b.data, { action: "complete" })),
    ).toBe(true);
  });
});
