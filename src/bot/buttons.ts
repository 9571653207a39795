import { callbackCodec, int, named, oneOf, optional, token } from "./callback-codec.ts";

const STATUS = ["idea", "active", "archived"] as const;

/**
 * Every kind of button the bot shows, by the callback data it carries: each keyboard writes its buttons with
 * `pack`, each handler reads them with `unpack` (or `onButton`). One prefix per codec; the data written stays
 * within Telegram's 64 bytes (tests/callback-data.test.ts).
 */
export const Buttons = {
  /** Menus and the three lists' first pages. */
  nav: callbackCodec("nav", {
    screen: oneOf("main", "projects", "automations", "settings", "new", "generate", "templates", "list", "due"),
    status: optional(oneOf(...STATUS)),
  }),
  /** A page of a project list. */
  list: callbackCodec("l", { status: oneOf(...STATUS), page: int(5) }),
  /**
   * A project card's actions; `arg` is a list page, an interval in days (or `none`), a restore target or a deadline
   * quick pick (`week`, `twoWeeks`, `month`, `none`).
   */
  project: callbackCodec("p", {
    id: int(),
    action: oneOf(
      "open",
      "files",
      "full",
      "activate",
      "interval",
      "setint",
      "complete",
      "drop",
      "restore",
      "delete",
      "confirmdelete",
      "edit",
      "rename",
      "describe",
      "deadline",
      "setdue",
    ),
    arg: optional(token(8)),
  }),
  /**
   * A card's creative AI: a new moodboard (from the words, from the reference and the words, from the reference alone),
   * the saved ones, the texts.
   */
  ai: callbackCodec("ai", {
    projectId: int(),
    action: named({ newMoodboard: "mb", moodboards: "mbl", texts: "tx", fromReference: "mbr", fromPhoto: "mbp" }),
  }),
  /**
   * Steering a moodboard draft: all again, one tile, variations of one tile (`v`: `1s`…`4s` subtle, `1h`…`4h`
   * strong), an aspect ratio, the originals, save, the prompt edited (remix), one tile upscaled (`1`–`4`), the
   * running generation (or, with `up`, the running upscale) stopped.
   */
  moodboard: callbackCodec("mb", {
    draftId: int(),
    action: named({
      all: "all",
      tile: "t",
      vary: "v",
      aspect: "ar",
      originals: "orig",
      save: "save",
      remix: "rx",
      upscale: "up",
      stop: "x",
    }),
    arg: optional(token(5)),
  }),
  /** One saved moodboard of a project. */
  savedMoodboard: callbackCodec("mbv", { id: int() }),
  /** A generated text: regenerate or edit. */
  text: callbackCodec("tx", { assetId: int(), action: named({ regenerate: "re", edit: "ed" }) }),
  /** A voice note's draft idea. */
  voice: callbackCodec("vc", { id: int(), action: oneOf("save", "name", "desc", "drop", "retry") }),
  /**
   * Reminders: snooze, pause, resume; a digest idea archived or snoozed; the digest again (`n`: its slot); a
   * deadline's countdown silenced for three days.
   */
  reminder: callbackCodec("r", {
    action: named({
      snooze: "s",
      pause: "p",
      resume: "u",
      archiveIdea: "ia",
      snoozeIdea: "is",
      digestAgain: "dt",
      snoozeDeadline: "ds",
    }),
    n: int(12),
    arg: optional(token(4)),
  }),
  /** The deadline step's quick picks: a week, two weeks, a month from today, or no deadline. */
  deadline: callbackCodec("due", { pick: named({ week: "1w", twoWeeks: "2w", month: "1m", none: "none" }) }),
  /** A page made in Notion by hand: import it as an idea, or ignore it. */
  notionOffer: callbackCodec("np", { action: named({ import: "i", ignore: "x" }), offerId: int() }),
  /** The template manager's actions on one template (id 0: the built-in one). */
  template: callbackCodec("t", {
    id: int(),
    action: oneOf("open", "add", "preview", "rename", "replace", "default", "delete", "confirmdelete"),
  }),
  /** Steps of a template upload. */
  templateUpload: callbackCodec("tpl", { action: oneOf("save", "discard", "skipcss") }),
  /** The card generator: its entry from an archived card and the choices of its steps. */
  generator: callbackCodec("gen", {
    step: named({
      fromCard: "card",
      project: "p",
      projectsPage: "pg",
      manual: "manual",
      template: "t",
      rendersDone: "done",
      textsFailed: "tx",
      renderAgain: "again",
      otherTemplate: "ot",
      looksGood: "ok",
      regenerate: "re",
      editTexts: "ed",
      saveProject: "sv",
      resend: "resend",
    }),
    arg: optional(token(10)),
  }),
  /** /settings sections and their choices. */
  settings: callbackCodec("set", {
    section: named({
      language: "lang",
      textsLanguage: "texts",
      close: "close",
      timeZone: "tz",
      quietHours: "quiet",
      digest: "digest",
      reminders: "rem",
      digestDay: "dd",
      digestHour: "dh",
    }),
    arg: optional(token(5)),
  }),
  /** Buttons every waiting flow step understands: Cancel, Skip, the moodboard offer after /new, a voice note's text. */
  flow: callbackCodec("flow", {
    action: named({ cancel: "cancel", skip: "skip", moodboardOffer: "mb", useHeard: "heard" }),
    arg: optional(oneOf("yes", "skip")),
  }),
  /** /sync: retry the parked jobs now. */
  sync: callbackCodec("sync", { action: oneOf("retry") }),
  /** /find: search again. */
  find: callbackCodec("find", { action: oneOf("again") }),
} as const;
