import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import {
  ADD_TEMPLATE_FLOW,
  RENAME_TEMPLATE_FLOW,
  REPLACE_TEMPLATE_FLOW,
  addTemplateFlow,
  renameTemplateFlow,
  replaceTemplateFlow,
} from "./flows.ts";
import { TEMPLATE_PREVIEW, type TemplatePreviewInput } from "./template-jobs.ts";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";
import { cardScreen, listScreen, templateData } from "./ui.ts";
import { enterFlow } from "../../flow/enter.ts";
import { NAV } from "../../navigation.ts";

export const templatesFeature = new Composer<Context>();

templatesFeature.use(createConversation<Context, FlowContext>(addTemplateFlow, ADD_TEMPLATE_FLOW));
templatesFeature.use(createConversation<Context, FlowContext>(replaceTemplateFlow, REPLACE_TEMPLATE_FLOW));
templatesFeature.use(createConversation<Context, FlowContext>(renameTemplateFlow, RENAME_TEMPLATE_FLOW));

async function showList(ctx: Context) {
  const { text, keyboard } = listScreen(ctx.t, await ctx.deps.repos.templates.list());
  await showScreen(ctx, text, keyboard);
}

templatesFeature.command("templates", showList);
templatesFeature.callbackQuery(NAV.templates, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx);
});

async function showCard(ctx: Context, id: number) {
  const templates = await ctx.deps.repos.templates.list();
  const template = templates.find((candidate) => candidate.id === id) ?? null;
  if (id !== 0 && !template)
    return showScreen(ctx, ctx.t("tpl-missing"), new InlineKeyboard().text(ctx.t("common-btn-back"), NAV.templates));
  const { text, keyboard } = cardScreen(ctx.t, template, !templates.some((candidate) => candidate.isDefault));
  await showScreen(ctx, text, keyboard);
}

/** Sample of a saved template: the tap says "checking…" and returns; a job prints and sends it. */
async function preview(ctx: Context, id: number) {
  const stored = id === 0 ? null : await ctx.deps.repos.templates.get(id);
  if (id !== 0 && !stored) return showCard(ctx, id);
  const name = stored?.name ?? ctx.t("tpl-btn-builtin");
  const progress = await ctx.reply(ctx.t("tpl-checking"));
  const input: TemplatePreviewInput = { templateId: id, name, progressMessageId: progress.message_id };
  await ctx.deps.services.jobs.enqueue(TEMPLATE_PREVIEW, progress.chat.id, input, `preview:${ctx.update.update_id}`);
}

onButton(templatesFeature, Buttons.template, async (ctx, { id, action }) => {
  const templates = ctx.deps.repos.templates;
  await ctx.answerCallbackQuery();
  switch (action) {
    case "open":
      return showCard(ctx, id);
    case "add":
      return enterFlow(ctx, ADD_TEMPLATE_FLOW);
    case "preview":
      return preview(ctx, id);
    case "rename":
      return enterFlow(ctx, RENAME_TEMPLATE_FLOW, id);
    case "replace":
      return enterFlow(ctx, REPLACE_TEMPLATE_FLOW, id);
    case "default": {
      const template = id === 0 ? null : await templates.get(id);
      if (id !== 0 && !template) return showCard(ctx, id);
      await templates.setDefault(template ? id : null);
      await ctx.reply(ctx.t("tpl-default-set", { name: escapeHtml(template?.name ?? ctx.t("tpl-btn-builtin")) }));
      return showCard(ctx, id);
    }
    case "delete": {
      const template = await templates.get(id);
      if (!template) return showCard(ctx, id);
      const keyboard = new InlineKeyboard()
        .text(ctx.t("tpl-btn-confirm-delete"), templateData(id, "confirmdelete"))
        .text(ctx.t("tpl-btn-keep"), templateData(id, "open"));
      return showScreen(ctx, ctx.t("tpl-confirm-delete", { name: escapeHtml(template.name) }), keyboard);
    }
    case "confirmdelete": {
      const template = await templates.get(id);
      if (!template || !(await templates.delete(id))) return showCard(ctx, id);
      return showScreen(
        ctx,
        ctx.t("tpl-deleted", { name: escapeHtml(template.name) }),
        new InlineKeyboard().text(ctx.t("common-btn-back"), NAV.templates),
      );
    }
  }
});
