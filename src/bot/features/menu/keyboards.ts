import { InlineKeyboard } from "grammy";
import type { Translate } from "../../i18n.ts";

type T = Translate;

/** Callback data of the navigation buttons (kept short: Telegram allows 64 bytes). */
export const NAV = {
  main: "nav:main",
  projects: "nav:projects",
  automations: "nav:automations",
  settings: "nav:settings",
  newIdea: "nav:new",
  ideas: "nav:list:idea",
  active: "nav:list:active",
  archive: "nav:list:archived",
  generator: "nav:generate",
  templates: "nav:templates",
} as const;

export function mainMenuKeyboard(t: T) {
  return new InlineKeyboard()
    .text(t("btn-projects"), NAV.projects)
    .row()
    .text(t("btn-automations"), NAV.automations)
    .row()
    .text(t("btn-settings"), NAV.settings);
}

export function projectsMenuKeyboard(t: T) {
  return new InlineKeyboard()
    .text(t("btn-new-idea"), NAV.newIdea)
    .row()
    .text(t("btn-ideas"), NAV.ideas)
    .text(t("btn-active"), NAV.active)
    .text(t("btn-archive"), NAV.archive)
    .row()
    .text(t("btn-back"), NAV.main);
}

export function automationsMenuKeyboard(t: T) {
  return new InlineKeyboard()
    .text(t("btn-generator"), NAV.generator)
    .row()
    .text(t("btn-templates"), NAV.templates)
    .row()
    .text(t("btn-back"), NAV.main);
}

export const backToMainKeyboard = (t: T) => new InlineKeyboard().text(t("btn-main-menu"), NAV.main);
