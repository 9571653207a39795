/**
 * Where buttons lead when the screen belongs to another feature: the menus, a project's card and actions, a list page.
 * Features link to each other's screens through these, never by importing each other.
 */
import { InlineKeyboard } from "grammy";
import type { ProjectStatus } from "../domain/project.ts";
import { Buttons } from "./buttons.ts";
import type { ButtonOf } from "./callback-codec.ts";
import type { Translate } from "./i18n.ts";

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
  deadlines: nav.pack({ screen: "due" }),
} as const;

export const backToMainKeyboard = (t: Translate) => new InlineKeyboard().text(t("common-btn-main-menu"), NAV.main);

export type ProjectAction = ButtonOf<typeof Buttons.project>["action"];

/** A project button; `arg` is a list page, an interval in days (or `none`) or a restore target. */
export const projectData = (id: number, action: ProjectAction, arg?: string | number) =>
  Buttons.project.pack({ id, action, arg: arg === undefined ? undefined : String(arg) });
export const listData = (status: ProjectStatus, page: number) => Buttons.list.pack({ status, page });
