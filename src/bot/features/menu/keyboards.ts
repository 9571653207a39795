import { InlineKeyboard } from "grammy";
import type { Translate } from "../../i18n.ts";
import { NAV } from "../../navigation.ts";

export function mainMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("menu-btn-projects"), NAV.projects)
    .row()
    .text(t("menu-btn-automations"), NAV.automations)
    .row()
    .text(t("menu-btn-settings"), NAV.settings);
}

export function projectsMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("menu-btn-new-idea"), NAV.newIdea)
    .row()
    .text(t("menu-btn-ideas"), NAV.ideas)
    .text(t("menu-btn-active"), NAV.active)
    .row()
    .text(t("menu-btn-archive"), NAV.archive)
    .text(t("menu-btn-deadlines"), NAV.deadlines)
    .row()
    .text(t("common-btn-back"), NAV.main);
}

export function automationsMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("menu-btn-generator"), NAV.generator)
    .row()
    .text(t("menu-btn-templates"), NAV.templates)
    .row()
    .text(t("common-btn-back"), NAV.main);
}
