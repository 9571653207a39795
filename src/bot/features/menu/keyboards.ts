import { InlineKeyboard } from "grammy";
import type { Translate } from "../../i18n.ts";
import { NAV } from "../../navigation.ts";

export function mainMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("btn-projects"), NAV.projects)
    .row()
    .text(t("btn-automations"), NAV.automations)
    .row()
    .text(t("btn-settings"), NAV.settings);
}

export function projectsMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("btn-new-idea"), NAV.newIdea)
    .row()
    .text(t("btn-ideas"), NAV.ideas)
    .text(t("btn-active"), NAV.active)
    .text(t("btn-archive"), NAV.archive)
    .row()
    .text(t("btn-back"), NAV.main);
}

export function automationsMenuKeyboard(t: Translate) {
  return new InlineKeyboard()
    .text(t("btn-generator"), NAV.generator)
    .row()
    .text(t("btn-templates"), NAV.templates)
    .row()
    .text(t("btn-back"), NAV.main);
}
