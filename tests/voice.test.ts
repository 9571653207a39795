import { describe, expect, it } from "vitest";
import type { InlineKeyboard } from "grammy";
import { bareNumberPlaceables, fluentMessages, labelWidth, readableText } from "./support/fluent-texts.ts";
import { createI18n } from "../src/bot/i18n.ts";
import { cardKeyboard } from "../src/bot/project-card/keyboard.ts";
import { deadlineReminderKeyboard, digestKeyboard, reminderKeyboard } from "../src/bot/features/reminders/keyboards.ts";
import {
  deadlineKeyboard,
  deadlineOfferKeyboard,
  editKeyboard,
  intervalKeyboard,
} from "../src/bot/features/projects/keyboards.ts";
import { automationsMenuKeyboard, mainMenuKeyboard, projectsMenuKeyboard } from "../src/bot/features/menu/keyboards.ts";
import { Buttons } from "../src/bot/buttons.ts";
import type { ProjectView } from "../src/domain/project.ts";

/** Placeables that carry a number: each must go through a plural selector, or stand as «Метка: N». */
const NUMERIC = new Set([
  "count",
  "total",
  "n",
  "days",
  "length",
  "max",
  "pages",
  "page",
  "copied",
  "projects",
  "assets",
  "templates",
  "attempts",
  "shown",
  "files",
  "mb",
  "mp",
  "width",
  "height",
  "position",
  "line",
  "column",
  "id",
  "seed",
]);
/** Where a bare number reads well in Russian: after a label's colon, in brackets, as №/стр./строка N, N из M, units. */
const NUMBER_BEFORE =
  /(?::\s*|\(\s*|№\s*|(?<!\p{L})(?:из|стр\.|строка|столбец|место)\s+|seed\s+(?:<code>)?|Seed:\s*<code>|×)$/iu;
/** …or before a unit, a bracket, or as a list's ordinal ("1. …"). */
const NUMBER_AFTER = /^(?:\s*(?:МБ|Мп)(?!\p{L})|×|\)|<\/code>|\.\s)/u;
/** Words of a developer, not of a designer (outside <code>…</code>). */
const JARGON =
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[45]\d\d\b|токен|сценари|IANA|расписани[ея] сервера|задач\(|синхронизация ожидает|В очереди Fal/gi;

const ru = fluentMessages("ru");
const en = fluentMessages("en");
const i18n = createI18n({} as never);
const translator = (locale: string) => (key: string, vars?: Record<string, string | number>) =>
  i18n.t(locale, key, vars);

const project = (status: ProjectView["status"], extra: Partial<ProjectView> = {}): ProjectView => ({
  id: 9_999_999,
  name: "Стул",
  description: "",
  status,
  archiveReason: null,
  reminderIntervalDays: 7,
  activatedAt: null,
  createdAt: new Date().toISOString(),
  deadline: null,
  notionPageId: null,
  reference: null,
  sync: "none",
  attachments: 12,
  ...extra,
});

/** Every keyboard a designer meets most, in one language. */
function keyboards(locale: string): [string, InlineKeyboard][] {
  const t = translator(locale);
  const url = "https://www.notion.so/x";
  return [
    ["main menu", mainMenuKeyboard(t)],
    ["projects menu", projectsMenuKeyboard(t)],
    ["automations menu", automationsMenuKeyboard(t)],
    ...(["idea", "active", "archived"] as const).map((status): [string, InlineKeyboard] => [
      `${status} card`,
      cardKeyboard(t, project(status), url, true),
    ]),
    ["reminder", reminderKeyboard(t, project("active"))],
    ["deadline reminder", deadlineReminderKeyboard(t, project("active"))],
    ["interval", intervalKeyboard(t, project("active"), "setint")],
    ["edit", editKeyboard(t, 1)],
    ["deadline step", deadlineKeyboard(t, true)],
    ["deadline offer", deadlineOfferKeyboard(t, 1)],
    ["digest", digestKeyboard(t, 0, [{ id: 1, name: "Стул из гнутой фанеры" }], new Date())],
  ];
}

describe("the bot's words (docs/VOICE.md)", () => {
  it("defines every key once in each language", () => {
    for (const messages of [ru, en]) {
      const seen = new Map<string, number>();
      for (const { key } of messages) seen.set(key, (seen.get(key) ?? 0) + 1);
      expect([...seen].filter(([, n]) => n > 1).map(([key]) => key)).toEqual([]);
    }
  });

  it("speaks to a designer: no setting names, HTTP codes or developer words outside <code>", () => {
    const found = ru.flatMap(({ key, source }) =>
      [...readableText(source).matchAll(JARGON)].map((match) => `${key}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });

  it("shows every number through a plural selector, or as «Метка: N»", () => {
    const bare = ru.flatMap(({ key, source }) =>
      bareNumberPlaceables(source, NUMERIC)
        .filter(
          ({ name, before, after }) =>
            !NUMBER_BEFORE.test(before) && !NUMBER_AFTER.test(after) && !after.trim().startsWith(`SELECTOR:${name}`),
        )
        .map(({ name, before, after }) => `${key}: …${before}{ $${name} }${after}…`),
    );
    expect(bare).toEqual([]);
  });

  it("quotes with «ёлочки» in Russian, never „…“", () => {
    expect(ru.filter(({ source }) => /[„“”]/.test(source)).map(({ key }) => key)).toEqual([]);
  });

  it("keeps the glossary: «вёрстка» for templates (never «рендер»), «резервная копия» for /export (never «архив»)", () => {
    const template = ru.filter(({ feature, source }) => feature === "templates" && /рендер/i.test(source));
    const backup = ru.filter(({ feature, source }) => feature === "export" && /архив/i.test(source));
    expect([...template, ...backup].map(({ key }) => key)).toEqual([]);
  });

  it("puts the emoji first on a button, and gives 🎨 to moodboards only", () => {
    for (const messages of [ru, en]) {
      const labels = messages.filter(({ key }) => key.includes("-btn-"));
      const emojiLast = labels.filter(({ source }) => /\p{L}.*\p{Extended_Pictographic}\s*$/u.test(source.trim()));
      expect(emojiLast.map(({ key }) => key)).toEqual([]);
    }
    const palette = ru.filter(({ key, source }) => source.includes("🎨") && !/^ai-/.test(key));
    expect(palette.map(({ key }) => key)).toEqual([]);
  });

  it("fits every button row on a phone: one ≤ 28, two ≤ 18, three ≤ 10 letters each (an emoji counts two)", () => {
    const limits = [0, 28, 18, 10];
    for (const locale of ["ru", "en"]) {
      const wide = keyboards(locale).flatMap(([screen, keyboard]) =>
        keyboard.inline_keyboard.flatMap((row) =>
          row
            .filter((button) => labelWidth(button.text) > (limits[row.length] ?? 6))
            .map((button) => `${locale} ${screen}, ${row.length} in a row: ${button.text}`),
        ),
      );
      expect(wide).toEqual([]);
    }
  });

  it("a reminder carries only what a reminder needs: the card, complete, snooze, pause", () => {
    const data = reminderKeyboard(translator("ru"), project("active"))
      .inline_keyboard.flat()
      .map((button) => ("callback_data" in button ? button.callback_data : ""));
    const kinds = data.map(
      (d) => Buttons.project.unpack(d)?.action ?? Buttons.reminder.unpack(d)?.action ?? `unknown ${d}`,
    );
    expect(kinds).toEqual(["open", "complete", "snooze", "snooze", "snooze", "pause"]);
  });
});
