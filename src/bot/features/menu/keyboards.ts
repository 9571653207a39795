import { InlineKeyboard } from "grammy";
import type { Translate } from "../../i18n.ts";
import { Buttons } from "../../buttons.ts";

const nav = Buttons.nav;

/** Callback data of the navigation buttons. */
export const NAV = {
  main: nav.pack({ screen: "main" }),
  projects: nav.pack({ screen: "projects" }),
  automations: nav.pack({ screen: "automations" }),
  settings: nav.pack({ screen: "settings" }),
  newIdea: nav.pack({ screen: "new" }),
  ideas: nav.pack({ screen: "list", status: "idea" }),
  active: nav.pack({ screen: "list", status: "active" }),
  archive: nav.pack({ screen: "list", status: "archived" }),
  generator: nav.pack({ screen: "generate" }),
  templates: nav.pack({ screen: "templates" }),
} as const;

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

export const backToMainKeyboard = (t: Translate) => new InlineKeyboard().text(t("btn-main-menu"), NAV.main);
