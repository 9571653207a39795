import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { TEMPLATE_NAME_MAX } from "../../../db/template-repository.ts";
import { TEMPLATE_CHECK, type TemplateCheckInput, type TemplateCheckResult } from "./template-jobs.ts";
import { startJob } from "../../flow/start-job.ts";
import { Buttons } from "../../buttons.ts";
import { SKIP_CSS, templateData } from "./ui.ts";
import { FLOW_CANCEL, askText, askUntil, cancelKeyboard, type TextRefusal, type Verdict } from "../../flow/ask.ts";
import { waitStep } from "../../flow/wait-step.ts";
import { checkTextWithin, type Checked } from "../../../domain/project-text.ts";
import { tooBigToDownload } from "../../telegram-files.ts";
import { NAV } from "../../navigation.ts";

/** The template flows' own buttons (tpl:…); others pass through a waiting step to do their own job. */
const OWN = Buttons.templateUpload;

export const ADD_TEMPLATE_FLOW = "add-template";
export const REPLACE_TEMPLATE_FLOW = "replace-template";
export const RENAME_TEMPLATE_FLOW = "rename-template";

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

/** A document the owner sent: its Telegram file id and name (its path is asked for by the job that reads it). */
interface SentFile {
  fileId: string;
  name: string;
}

/** The update's document if its extension is allowed, else the text that says what to send. */
function documentOf(answer: FlowContext, extensions: string[], hintKey: string): SentFile | { problem: string } {
  const document = answer.message?.document;
  if (!document || !extensions.includes(extension(document.file_name ?? ""))) return { problem: hintKey };
  if (tooBigToDownload(document)) return { problem: "tpl-err-file-too-large" };
  return { fileId: document.file_id, name: document.file_name ?? "file" };
}

/** Waits for the CSS file, or Skip. */
async function askCss(conversation: Flow): Promise<{ file: SentFile | null; ctx: FlowContext }> {
  const { value, ctx } = await askUntil(conversation, OWN, async (answer): Promise<Verdict<SentFile | null>> => {
    if (Buttons.templateUpload.unpack(answer.callbackQuery?.data)?.action === "skipcss") {
      await answer.answerCallbackQuery();
      return { value: null };
    }
    const sent = documentOf(answer, ["css"], "tpl-expect-css");
    if (!("problem" in sent)) return { value: sent };
    return { refuse: sent.problem, keyboard: new InlineKeyboard().text(answer.t("tpl-btn-skip-css"), SKIP_CSS) };
  });
  return { file: value, ctx };
}

/** The check job's verdict: null while it runs (or before any file came). */
function checkVerdict(conversation: Flow, jobId: number | null): Promise<TemplateCheckResult | null> {
  if (jobId === null) return Promise.resolve(null);
  return conversation.external(async (outer) => {
    const row = await outer.deps.services.jobs.get(jobId);
    return (row?.result as TemplateCheckResult | null) ?? null;
  });
}

/**
 * HTML (+ CSS or Skip) or ZIP → a check job (download, checks, sample render: never inside the update) → Save or
 * Discard under its sample. After a refusal another file may be sent; a tap while the check runs says so.
 */
async function uploadAndDecide(
  conversation: Flow,
  ctx: FlowContext,
  name: string,
): Promise<{ token: string; save: boolean; ctx: FlowContext }> {
  await ctx.reply(ctx.t("tpl-ask-file"), { reply_markup: cancelKeyboard(ctx) });
  let jobId: number | null = null;
  for (;;) {
    const answer = await waitStep(conversation, OWN);
    const action = Buttons.templateUpload.unpack(answer.callbackQuery?.data)?.action;
    // One read of the check job per update: null while it runs (or before any file came).
    const verdict = await checkVerdict(conversation, jobId);
    const checking = jobId !== null && verdict === null;
    if (action === "save" || action === "discard") {
      if (!verdict?.ok) {
        await answer.answerCallbackQuery({ text: answer.t(checking ? "tpl-still-checking" : "tpl-expect-file") });
        continue;
      }
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup().catch(() => undefined);
      return { token: verdict.token, save: action === "save", ctx: answer };
    }
    if (answer.message?.document && checking) {
      await answer.reply(answer.t("tpl-still-checking"));
      continue;
    }
    const main = documentOf(answer, ["html", "htm", "zip"], "tpl-expect-file");
    if ("problem" in main) {
      if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t(main.problem) });
      else await answer.reply(answer.t(main.problem));
      continue;
    }
    let last = answer;
    let css: SentFile | null = null;
    if (extension(main.name) !== "zip") {
      await last.reply(last.t("tpl-ask-css"), {
        reply_markup: new InlineKeyboard()
          .text(last.t("tpl-btn-skip-css"), SKIP_CSS)
          .text(last.t("common-btn-cancel"), FLOW_CANCEL),
      });
      ({ file: css, ctx: last } = await askCss(conversation));
    }
    const progress = await last.reply(last.t("tpl-checking"));
    const now = await conversation.now();
    const input: TemplateCheckInput = { name, main, css, progressMessageId: progress.message_id, now };
    jobId = await startJob(conversation, TEMPLATE_CHECK, input);
  }
}

const backKeyboard = (ctx: FlowContext, id?: number) =>
  new InlineKeyboard().text(ctx.t("common-btn-back"), id ? templateData(id, "open") : NAV.templates);

/** /templates → Add: unique name → HTML (+ CSS) or ZIP → check and sample → Save / Discard. */
export async function addTemplateFlow(conversation: Flow, ctx: FlowContext) {
  await showScreen(ctx, ctx.t("tpl-ask-name"), cancelKeyboard(ctx));
  const { name, ctx: named } = await askName(conversation);
  const { token, save, ctx: last } = await uploadAndDecide(conversation, named, name);
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
      reply_markup: backKeyboard(last),
    });
  else
    await last.reply(last.t("tpl-saved", { name: escapeHtml(name) }), {
      reply_markup: backKeyboard(last, saved.id),
    });
}

export async function replaceTemplateFlow(conversation: Flow, ctx: FlowContext, id: number) {
  const template = await conversation.external((outer) =>
    outer.deps.repos.templates.get(id).then((t) => (t ? { name: t.name } : null)),
  );
  if (!template) return void (await ctx.reply(ctx.t("tpl-missing")));
  const { token, save, ctx: last } = await uploadAndDecide(conversation, ctx, template.name);
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
    reply_markup: backKeyboard(last, id),
  });
}

export async function renameTemplateFlow(conversation: Flow, ctx: FlowContext, id: number) {
  const template = await conversation.external((outer) =>
    outer.deps.repos.templates.get(id).then((t) => (t ? { name: t.name } : null)),
  );
  if (!template) return void (await ctx.reply(ctx.t("tpl-missing")));
  await ctx.reply(ctx.t("tpl-ask-new-name", { name: escapeHtml(template.name) }), {
    reply_markup: cancelKeyboard(ctx),
  });
  const { name, ctx: last } = await askName(conversation, id);
  const renamed = await conversation.external((outer) => outer.deps.repos.templates.rename(id, name));
  await last.reply(last.t(renamed ? "tpl-renamed" : "tpl-missing", { name: escapeHtml(name) }), {
    reply_markup: backKeyboard(last, id),
  });
}
