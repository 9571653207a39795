import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import type { RenderFile } from "../../../db/card-repository.ts";
import { cutText as truncate } from "../../../domain/text-cut.ts";
import { FLOW_CANCEL, askButton, askText, askUntil, cancelKeyboard, type Verdict } from "../../flow/ask.ts";
import { checkTextWithin, type Checked } from "../../../domain/project-text.ts";
import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import { tooBigToDownload } from "../../telegram-files.ts";
import { DESCRIPTION_MAX, NAME_MAX } from "../../../domain/project.ts";

/** The generator's own buttons; others pass through a waiting step to do their own job. */
const OWN = Buttons.generator;
export type GeneratorStep = ButtonOf<typeof Buttons.generator>["step"];
export const genData = (step: GeneratorStep, arg?: string | number) =>
  Buttons.generator.pack({ step, arg: arg === undefined ? undefined : String(arg) });

export const MAX_RENDERS = 5;
const IMAGE_FILE = /\.(jpe?g|png|webp)$/i;

/** The project a card is made for: archived in the bot (id) or entered by hand (id null). */
export interface CardSource {
  projectId: number | null;
  name: string;
  description: string;
  createdAt: string | null;
}

export interface ChosenTemplate {
  id: number;
  name: string;
}

/**
 * Waits for a generator button of one of `steps` whose argument is none, `any` or one of a list; anything else gets
 * a hint and the wait goes on.
 */
export async function waitChoice<S extends GeneratorStep>(
  conversation: Flow,
  steps: readonly S[],
  args: "none" | "any" | readonly string[] = "none",
): Promise<FlowContext & { choice: { step: S; arg: string | undefined } }> {
  const argFits = (arg: string | undefined) =>
    args === "any" || (args === "none" ? arg === undefined : arg !== undefined && args.includes(arg));
  const picked = await askButton(conversation, OWN, (button) =>
    (steps as readonly GeneratorStep[]).includes(button.step) && argFits(button.arg)
      ? { step: button.step as S, arg: button.arg }
      : undefined,
  );
  return Object.assign(picked.ctx, { choice: picked.value });
}

async function askGeneratorText(
  conversation: Flow,
  ctx: FlowContext,
  askKey: string,
  emptyKey: string,
  max: number,
): Promise<{ text: string; ctx: FlowContext }> {
  await ctx.reply(ctx.t(askKey), { reply_markup: cancelKeyboard(ctx) });
  const check = (text: string): Checked =>
    text.trim().startsWith("/")
      ? { ok: false, key: emptyKey }
      : checkTextWithin(text, max, { empty: emptyKey, tooLong: "gen-text-too-long" });
  const answer = await askText(conversation, check, OWN);
  return { text: answer.value, ctx: answer.ctx };
}

/** Archived projects (paged) or "Enter manually" → name and description. */
export async function pickSource(
  conversation: Flow,
  ctx: FlowContext,
  preselected?: number,
): Promise<{ source: CardSource; ctx: FlowContext }> {
  let page = 0;
  let current = ctx;
  if (preselected !== undefined) {
    const project = await loadProject(conversation, preselected);
    if (project) return { source: project, ctx };
  }
  for (;;) {
    const list = await conversation.external(async (outer) => {
      const result = await outer.deps.repos.projects.list("archived", page);
      return {
        items: result.items.map((p) => ({ id: p.id, name: p.name })),
        page: result.page,
        pages: result.pages,
        total: result.total,
      };
    });
    const keyboard = new InlineKeyboard();
    for (const project of list.items) keyboard.text(truncate(project.name, 60), genData("project", project.id)).row();
    if (list.pages > 1) {
      if (list.page > 0) keyboard.text(current.t("project-btn-prev"), genData("projectsPage", list.page - 1));
      keyboard.text(`${list.page + 1}/${list.pages}`, genData("projectsPage", list.page));
      if (list.page < list.pages - 1)
        keyboard.text(current.t("project-btn-next"), genData("projectsPage", list.page + 1));
      keyboard.row();
    }
    keyboard
      .text(current.t("gen-btn-manual"), genData("manual"))
      .row()
      .text(current.t("common-btn-cancel"), FLOW_CANCEL);
    const intro = list.total === 0 ? current.t("gen-no-archived") : current.t("gen-pick-project");
    await showScreen(current, `${current.t("gen-title")}\n\n${intro}`, keyboard);
    const answer = await waitChoice(conversation, ["project", "projectsPage", "manual"], "any");
    current = answer;
    if (answer.choice.step === "projectsPage") {
      page = Number(answer.choice.arg);
      continue;
    }
    if (answer.choice.step === "manual") {
      const name = await askGeneratorText(conversation, answer, "gen-ask-name", "gen-name-empty", NAME_MAX);
      const description = await askGeneratorText(
        conversation,
        name.ctx,
        "gen-ask-description",
        "gen-description-empty",
        DESCRIPTION_MAX,
      );
      return {
        source: { projectId: null, name: name.text, description: description.text, createdAt: null },
        ctx: description.ctx,
      };
    }
    const project = await loadProject(conversation, Number(answer.choice.arg));
    if (project) return { source: project, ctx: answer };
    await answer.reply(answer.t("gen-project-missing"));
  }
}

function loadProject(conversation: Flow, id: number): Promise<CardSource | null> {
  return conversation.external((outer) =>
    outer.deps.repos.projects
      .get(id)
      .then((p) => (p ? { projectId: p.id, name: p.name, description: p.description, createdAt: p.createdAt } : null)),
  );
}

/** Built-in template first, then the owner's (⭐ marks the default). */
export async function pickTemplate(
  conversation: Flow,
  ctx: FlowContext,
  projectName: string,
): Promise<{ template: ChosenTemplate; ctx: FlowContext }> {
  const templates = await conversation.external((outer) => outer.deps.repos.templates.list());
  const builtinName = ctx.t("gen-template-builtin");
  const builtinIsDefault = !templates.some((t) => t.isDefault);
  const keyboard = new InlineKeyboard()
    .text(`${builtinIsDefault ? "⭐ " : ""}${builtinName}`, genData("template", 0))
    .row();
  for (const template of templates)
    keyboard
      .text(`${template.isDefault ? "⭐ " : ""}${truncate(template.name, 60)}`, genData("template", template.id))
      .row();
  keyboard.text(ctx.t("common-btn-cancel"), FLOW_CANCEL);
  await showScreen(ctx, ctx.t("gen-pick-template", { name: escapeHtml(projectName) }), keyboard);
  const answer = await waitChoice(conversation, ["template"], "any");
  const id = Number(answer.choice.arg);
  const name = id === 0 ? builtinName : (templates.find((t) => t.id === id)?.name ?? builtinName);
  return { template: { id: templates.some((t) => t.id === id) ? id : 0, name }, ctx: answer };
}

type RenderCheck = { file: RenderFile } | { problem: string };

function renderOf(message: Message | undefined): RenderCheck {
  const largest = message?.photo?.at(-1);
  if (largest) return { file: { fileId: largest.file_id, asDocument: false } };
  const document = message?.document;
  const isImage =
    document &&
    (/^image\/(jpeg|png|webp)$/.test(document.mime_type ?? "") || IMAGE_FILE.test(document.file_name ?? ""));
  if (!document || !isImage) return { problem: "gen-renders-not-image" };
  if (tooBigToDownload(document)) return { problem: "gen-renders-too-large" };
  return { file: { fileId: document.file_id, asDocument: true } };
}

/** 1–5 photos or image files (album items arrive one by one), counted in one edited message, until "Done". */
export async function collectRenders(
  conversation: Flow,
  ctx: FlowContext,
): Promise<{ renders: RenderFile[]; ctx: FlowContext }> {
  const done = () =>
    new InlineKeyboard()
      .text(ctx.t("gen-btn-done"), genData("rendersDone"))
      .text(ctx.t("common-btn-cancel"), FLOW_CANCEL);
  const prompt = await ctx.reply(ctx.t("gen-ask-renders", { max: MAX_RENDERS }), { reply_markup: done() });
  const renders: RenderFile[] = [];
  const { ctx: answered } = await askUntil(conversation, OWN, async (answer): Promise<Verdict<true>> => {
    if (answer.callbackQuery) {
      if (OWN.unpack(answer.callbackQuery.data)?.step !== "rendersDone") return { refuse: "common-flow-hint-button" };
      if (renders.length === 0) return { refuse: "gen-renders-none", alert: true };
      await answer.answerCallbackQuery();
      await answer.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => undefined);
      return { value: true };
    }
    const check = renderOf(answer.message);
    if ("problem" in check) return { refuse: check.problem };
    if (renders.length >= MAX_RENDERS) return { refuse: "gen-renders-too-many", args: { max: MAX_RENDERS } };
    renders.push(check.file);
    await answer.api.editMessageText(
      prompt.chat.id,
      prompt.message_id,
      answer.t("gen-renders-count", { count: renders.length, max: MAX_RENDERS }),
      { reply_markup: done() },
    );
    return { handled: true };
  });
  return { renders, ctx: answered };
}

export async function askDraft(conversation: Flow, ctx: FlowContext): Promise<{ text: string; ctx: FlowContext }> {
  return askGeneratorText(conversation, ctx, "gen-ask-draft", "gen-draft-empty", DESCRIPTION_MAX);
}

export async function askReplacement(
  conversation: Flow,
  ctx: FlowContext,
  current: string,
): Promise<{ text: string; ctx: FlowContext }> {
  await ctx.reply(`${ctx.t("gen-edit-current")}\n\n<code>${escapeHtml(current)}</code>`, {
    reply_markup: cancelKeyboard(ctx),
  });
  const { value, ctx: answered } = await askUntil(conversation, OWN, (answer): Verdict<string> => {
    const text = answer.message?.text?.trim();
    if (!text) return { refuse: "common-flow-hint-text" };
    const length = [...text].length;
    return length > DESCRIPTION_MAX
      ? { refuse: "gen-text-too-long", args: { max: DESCRIPTION_MAX, length } }
      : { value: text };
  });
  return { text: value, ctx: answered };
}
