import { InlineKeyboard } from "grammy";
import { sendStaged } from "../../staged-files.ts";
import type { Workspace } from "../../workspace.ts";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { ownerCardDates } from "../../owner-time-zone.ts";
import { NAV } from "../menu/keyboards.ts";
import { TEMPLATE_NAME_MAX } from "../../../db/template-repository.ts";
import { intakeUpload, type TelegramFile } from "./intake.ts";
import { Buttons } from "../../buttons.ts";
import { DISCARD, SAVE, SKIP_CSS, problemText, reportText, saveKeyboard, templateData } from "./ui.ts";
import { FLOW_CANCEL, askText, cancelKeyboard, waitStep, type TextRefusal } from "../projects/ask.ts";
import { checkTextWithin, type Checked } from "../../../domain/project-text.ts";

/** The template flows' own buttons (tpl:…); others pass through a waiting step to do their own job. */
const OWN = Buttons.templateUpload;

export const ADD_TEMPLATE_FLOW = "add-template";
export const REPLACE_TEMPLATE_FLOW = "replace-template";
export const RENAME_TEMPLATE_FLOW = "rename-template";

const MAX_DOWNLOAD = 20 * 1024 * 1024;
const extension = (name: string) => name.toLowerCase().split(".").pop() ?? "";

async function askName(conversation: Flow, exceptId?: number): Promise<{ name: string; ctx: FlowContext }> {
  const check = async (text: string): Promise<Checked | TextRefusal> => {
    const checked = checkTextWithin(text, TEMPLATE_NAME_MAX, { empty: "tpl-name-empty", tooLong: "tpl-name-too-long" });
    if (!checked.ok) return checked;
    const taken = await conversation.external((outer) => outer.deps.repos.templates.nameTaken(checked.value, exceptId));
    return taken ? { ok: false, key: "tpl-name-taken", args: { name: escapeHtml(checked.value) } } : checked;
  };
  const answer = await askText(conversation, check, OWN);
  return { name: answer.value, ctx: answer.ctx };
}

/** Waits for a document whose extension is allowed (or Skip, when `skippable`); resolves its getFile path. */
async function askFile(
  conversation: Flow,
  extensions: string[],
  hintKey: string,
  skippable: boolean,
): Promise<{ file: TelegramFile | null; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation, OWN);
    if (skippable && Buttons.templateUpload.unpack(answer.callbackQuery?.data)?.action === "skipcss") {
      await answer.answerCallbackQuery();
      return { file: null, ctx: answer };
    }
    const document = answer.message?.document;
    if (document && extensions.includes(extension(document.file_name ?? ""))) {
      if ((document.file_size ?? 0) > MAX_DOWNLOAD) {
        await answer.reply(answer.t("tpl-err-file-too-large"));
        continue;
      }
      const info = await answer.api.getFile(document.file_id);
      if (info.file_path) return { file: { path: info.file_path, name: document.file_name ?? "file" }, ctx: answer };
    }
    if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t(hintKey) });
    else
      await answer.reply(
        answer.t(hintKey),
        skippable ? { reply_markup: new InlineKeyboard().text(answer.t("tpl-btn-skip-css"), SKIP_CSS) } : {},
      );
  }
}

/** HTML (+ CSS or Skip) or ZIP → checks → sample PNG + PDF; returns the staged upload's token once it rendered. */
async function uploadAndPreview(
  conversation: Flow,
  ctx: FlowContext,
  name: string,
): Promise<{ token: string; ctx: FlowContext }> {
  await ctx.reply(ctx.t("tpl-ask-file"), { parse_mode: "HTML", reply_markup: cancelKeyboard(ctx) });
  for (;;) {
    const main = await askFile(conversation, ["html", "htm", "zip"], "tpl-expect-file", false);
    const mainFile = main.file;
    if (!mainFile) continue; // not skippable: a file always comes back
    let last = main.ctx;
    let css: TelegramFile | null = null;
    if (extension(mainFile.name) !== "zip") {
      await last.reply(last.t("tpl-ask-css"), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(last.t("tpl-btn-skip-css"), SKIP_CSS)
          .text(last.t("btn-cancel"), FLOW_CANCEL),
      });
      const answer = await askFile(conversation, ["css"], "tpl-expect-css", true);
      css = answer.file;
      last = answer.ctx;
    }
    const progress = await last.reply(last.t("tpl-checking"));
    await last.replyWithChatAction("upload_document");
    const today = await conversation.now();
    const intake = await conversation.external(async (outer) =>
      intakeUpload(outer.deps, mainFile, css, await ownerCardDates(outer.deps, today)),
    );
    if (!intake.ok) {
      await last.api.editMessageText(
        progress.chat.id,
        progress.message_id,
        `${problemText(last.t, intake)}\n\n${last.t("tpl-ask-file")}`,
        { parse_mode: "HTML" },
      );
      continue;
    }
    await last.api.editMessageText(progress.chat.id, progress.message_id, reportText(last.t, intake.report), {
      parse_mode: "HTML",
    });
    const { token } = intake;
    const preview = (workspace: Workspace) => {
      const staged = workspace.templates.get(token);
      return staged && { bytes: staged.png, filename: "preview.png" };
    };
    const sample = (workspace: Workspace) => {
      const staged = workspace.templates.get(token);
      return staged && { bytes: staged.pdf, filename: "sample.pdf" };
    };
    await sendStaged(conversation, "photo", preview, {
      caption: last.t("tpl-preview-caption", { name: escapeHtml(name), pages: intake.pages }),
      parse_mode: "HTML",
    });
    await sendStaged(conversation, "document", sample, {
      caption: last.t("tpl-save-question", { name: escapeHtml(name) }),
      parse_mode: "HTML",
      reply_markup: saveKeyboard(last.t),
    });
    return { token: intake.token, ctx: last };
  }
}

async function waitSaveOrDiscard(conversation: Flow): Promise<{ save: boolean; ctx: FlowContext }> {
  let answer = await waitStep(conversation, Buttons.templateUpload);
  while (answer.callbackQuery?.data !== SAVE && answer.callbackQuery?.data !== DISCARD) {
    if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-button") });
    else await answer.reply(answer.t("flow-hint-button"));
    answer = await waitStep(conversation, Buttons.templateUpload);
  }
  await answer.answerCallbackQuery();
  await answer.editMessageReplyMarkup().catch(() => undefined);
  return { save: Buttons.templateUpload.unpack(answer.callbackQuery.data)?.action === "save", ctx: answer };
}

const backKeyboard = (ctx: FlowContext, id?: number) =>
  new InlineKeyboard().text(ctx.t("btn-back"), id ? templateData(id, "open") : NAV.templates);

/** /templates → Add: unique name → HTML (+ CSS) or ZIP → check and sample → Save / Discard. */
export async function addTemplateFlow(conversation: Flow, ctx: FlowContext) {
  await showScreen(ctx, ctx.t("tpl-ask-name"), cancelKeyboard(ctx));
  const { name, ctx: named } = await askName(conversation);
  const { token } = await uploadAndPreview(conversation, named, name);
  const { save, ctx: last } = await waitSaveOrDiscard(conversation);
  if (!save) {
    await conversation.external((outer) => outer.deps.workspace.templates.delete(token));
    await last.reply(last.t("tpl-discarded"), { reply_markup: backKeyboard(last) });
    return;
  }
  const saved = await conversation.external(async (outer) => {
    const staged = outer.deps.workspace.templates.get(token);
    if (!staged) return { ok: false as const, key: "tpl-expired" };
    if (await outer.deps.repos.templates.nameTaken(name)) return { ok: false as const, key: "tpl-name-taken" };
    const template = await outer.deps.repos.templates.create(name, { ...staged.bundle, sourceZip: staged.sourceZip });
    outer.deps.workspace.templates.delete(token);
    return { ok: true as const, id: template.id };
  });
  if (!saved.ok)
    await last.reply(last.t(saved.key, { name: escapeHtml(name) }), {
      parse_mode: "HTML",
      reply_markup: backKeyboard(last),
    });
  else
    await last.reply(last.t("tpl-saved", { name: escapeHtml(name) }), {
      parse_mode: "HTML",
      reply_markup: backKeyboard(last, saved.id),
    });
}

export async function replaceTemplateFlow(conversation: Flow, ctx: FlowContext, id: number) {
  const template = await conversation.external((outer) =>
    outer.deps.repos.templates.get(id).then((t) => (t ? { name: t.name } : null)),
  );
  if (!template) return void (await ctx.reply(ctx.t("tpl-missing")));
  const { token } = await uploadAndPreview(conversation, ctx, template.name);
  const { save, ctx: last } = await waitSaveOrDiscard(conversation);
  if (!save) {
    await conversation.external((outer) => outer.deps.workspace.templates.delete(token));
    return void (await last.reply(last.t("tpl-discarded"), { reply_markup: backKeyboard(last, id) }));
  }
  const key = await conversation.external(async (outer) => {
    const staged = outer.deps.workspace.templates.get(token);
    if (!staged) return "tpl-expired";
    const replaced = await outer.deps.repos.templates.replace(id, { ...staged.bundle, sourceZip: staged.sourceZip });
    outer.deps.workspace.templates.delete(token);
    return replaced ? "tpl-replaced" : "tpl-missing";
  });
  await last.reply(last.t(key, { name: escapeHtml(template.name) }), {
    parse_mode: "HTML",
    reply_markup: backKeyboard(last, id),
  });
}

export async function renameTemplateFlow(conversation: Flow, ctx: FlowContext, id: number) {
  const template = await conversation.external((outer) =>
    outer.deps.repos.templates.get(id).then((t) => (t ? { name: t.name } : null)),
  );
  if (!template) return void (await ctx.reply(ctx.t("tpl-missing")));
  await ctx.reply(ctx.t("tpl-ask-new-name", { name: escapeHtml(template.name) }), {
    parse_mode: "HTML",
    reply_markup: cancelKeyboard(ctx),
  });
  const { name, ctx: last } = await askName(conversation, id);
  const renamed = await conversation.external((outer) => outer.deps.repos.templates.rename(id, name));
  await last.reply(last.t(renamed ? "tpl-renamed" : "tpl-missing", { name: escapeHtml(name) }), {
    parse_mode: "HTML",
    reply_markup: backKeyboard(last, id),
  });
}
