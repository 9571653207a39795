import { InlineKeyboard } from "grammy";
import { escapeHtml } from "../../html.ts";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import type { TemplateSummary } from "../../../db/template-repository.ts";
import type { TemplateReport } from "../../../services/pdf/template-check.ts";
import type { Problem } from "../../../usecases/template-upload.ts";
import type { Translate } from "../../i18n.ts";
import { NAV } from "../../navigation.ts";

/** Template buttons (id 0 is the built-in template). */
export const templateData = (id: number, action: ButtonOf<typeof Buttons.template>["action"]) =>
  Buttons.template.pack({ id, action });
export const SAVE = Buttons.templateUpload.pack({ action: "save" });
export const DISCARD = Buttons.templateUpload.pack({ action: "discard" });
export const SKIP_CSS = Buttons.templateUpload.pack({ action: "skipcss" });

export function listScreen(t: Translate, templates: TemplateSummary[]) {
  const current = templates.find((template) => template.isDefault);
  const text = [
    t("tpl-list-title"),
    t("tpl-list-builtin"),
    t("tpl-list-default", { name: escapeHtml(current?.name ?? t("tpl-btn-builtin")) }),
  ].join("\n\n");
  const keyboard = new InlineKeyboard();
  keyboard.text(t("tpl-btn-builtin"), templateData(0, "open")).row();
  for (const template of templates)
    keyboard.text(`${template.isDefault ? "⭐ " : ""}${template.name}`, templateData(template.id, "open")).row();
  keyboard.text(t("tpl-btn-add"), templateData(0, "add")).row();
  return { text, keyboard: keyboard.text(t("common-btn-back"), NAV.automations) };
}

export function cardScreen(t: Translate, template: TemplateSummary | null, builtinIsDefault: boolean) {
  const keyboard = new InlineKeyboard();
  if (!template) {
    keyboard.text(t("tpl-btn-preview"), templateData(0, "preview"));
    if (!builtinIsDefault) keyboard.text(t("tpl-btn-default"), templateData(0, "default"));
    return {
      text: t("tpl-card-builtin", { isDefault: builtinIsDefault ? "yes" : "no" }),
      keyboard: keyboard.row().text(t("common-btn-back"), NAV.templates),
    };
  }
  const id = template.id;
  keyboard
    .text(t("tpl-btn-preview"), templateData(id, "preview"))
    .text(t("tpl-btn-rename"), templateData(id, "rename"))
    .row();
  keyboard.text(t("tpl-btn-replace"), templateData(id, "replace"));
  if (!template.isDefault) keyboard.text(t("tpl-btn-default"), templateData(id, "default"));
  keyboard.row().text(t("tpl-btn-delete"), templateData(id, "delete")).row();
  const text = t("tpl-card", {
    name: escapeHtml(template.name),
    isDefault: template.isDefault ? "yes" : "no",
    files: template.files,
    zip: template.fromZip ? "yes" : "no",
  });
  return { text, keyboard: keyboard.text(t("common-btn-back"), NAV.templates) };
}

const names = (list: string[]) =>
  escapeHtml(list.slice(0, 15).join(", ") + (list.length > 15 ? ` (+${list.length - 15})` : ""));

export function reportText(t: Translate, report: TemplateReport): string {
  const lines: string[] = [];
  if (report.unknownVariables.length) lines.push(t("tpl-warn-unknown", { names: names(report.unknownVariables) }));
  if (report.missingFiles.length) lines.push(t("tpl-warn-missing", { names: names(report.missingFiles) }));
  if (report.externalRefs.length) lines.push(t("tpl-warn-external", { names: names(report.externalRefs) }));
  if (report.cyrillicFallback.length) lines.push(t("tpl-warn-cyrillic", { names: names(report.cyrillicFallback) }));
  if (report.jinjaDifferences.length) lines.push(t("tpl-warn-jinja"));
  for (const found of report.jinjaDifferences.slice(0, 10)) {
    const construct = escapeHtml(found.construct.slice(0, 60));
    lines.push(
      t("tpl-warn-jinja-item", {
        line: found.line,
        column: found.column,
        construct,
        why: t(`tpl-jinja-${found.code}`),
      }),
    );
  }
  if (report.jinjaDifferences.length > 10)
    lines.push(t("tpl-warn-jinja-more", { count: report.jinjaDifferences.length - 10 }));
  const head = lines.length ? t("tpl-check-warnings") : t("tpl-check-ok");
  if (report.unusedVariables.length) lines.push(t("tpl-warn-unused", { names: names(report.unusedVariables) }));
  return [head, ...lines].join("\n");
}

/** A refusal or failure in the owner's language; user-controlled parts are escaped. */
export function problemText(t: Translate, problem: Problem): string {
  const args: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(problem.args))
    args[key] = typeof value === "string" ? escapeHtml(value) : value;
  if (problem.key === "tpl-err-syntax") {
    const where = problem.args.where
      ? (JSON.parse(String(problem.args.where)) as { line: number; column: number })
      : undefined;
    args.where = where ? t("tpl-err-where", where) : "";
  }
  return t(problem.key, args);
}

export const saveKeyboard = (t: Translate) =>
  new InlineKeyboard().text(t("tpl-btn-save"), SAVE).text(t("tpl-btn-discard"), DISCARD);
