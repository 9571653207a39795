import { InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import type { TextKind } from "../../../db/ai-repository.ts";
import { ideaDraft } from "../../../services/gemini/prompts.ts";
import { type Job, StatusMessage, jobFrom, reportFault, runInBackground } from "../../job.ts";
import { cutToUnits } from "../../../domain/text-cut.ts";
import { textLanguage } from "../../text-language.ts";

const LIMIT = 3800;

export function textMessage(job: Pick<Job, "t">, kind: TextKind, projectName: string, text: string): string {
  const title = job.t(kind === "card_text" ? "ai-text-card" : "ai-text-social", { name: escapeHtml(projectName) });
  return `${title}\n\n${escapeHtml(cutToUnits(text, LIMIT))}`;
}

export const textKeyboard = (job: Pick<Job, "t">, assetId: number) =>
  new InlineKeyboard()
    .text(job.t("ai-btn-text-regenerate"), Buttons.text.pack({ assetId, action: "regenerate" }))
    .text(job.t("ai-btn-text-edit"), Buttons.text.pack({ assetId, action: "edit" }));

/** `ai:<project>:tx` — both texts in parallel; saved together, then shown each with Regenerate / Edit. */
export async function onGenerateTexts(ctx: Context, projectId: number): Promise<void> {
  const gemini = ctx.deps.services.gemini;
  if (!gemini) return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-gemini-off"), show_alert: true }));
  const project = await ctx.deps.repos.projects.get(projectId);
  if (!project) return void (await ctx.answerCallbackQuery({ text: ctx.t("project-missing") }));
  if (!ctx.deps.workspace.busy.claim(`tx:${projectId}`))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-busy") }));
  await ctx.answerCallbackQuery();
  const job = jobFrom(ctx);
  const language = await textLanguage(ctx.deps.repos.settings, ctx);
  const retrying =
    ctx.callbackQuery?.message &&
    "text" in ctx.callbackQuery.message &&
    ctx.callbackQuery.message.text?.startsWith("⚠️");
  const status = new StatusMessage(job, retrying ? ctx.callbackQuery?.message?.message_id : undefined);
  await status.show(job.t("ai-progress-texts"), "typing");
  runInBackground(job, "texts", Buttons.ai.pack({ projectId, action: "texts" }), async () => {
    try {
      const texts = await gemini.generateTexts(ideaDraft(project.description || project.name), language);
      const saved = await job.deps.repos.ai.saveTexts(projectId, texts, { model: gemini.model });
      // Free before the answer shows: its Retry/Regenerate may be tapped the moment it appears.
      ctx.deps.workspace.busy.release(`tx:${projectId}`);
      if (!saved) return void (await status.finish(job.t("project-missing")));
      await status.remove();
      await job.api.sendMessage(job.chatId, textMessage(job, "card_text", project.name, texts.card), {
        reply_markup: textKeyboard(job, saved.cardId),
      });
      await job.api.sendMessage(job.chatId, textMessage(job, "social_text", project.name, texts.social), {
        reply_markup: textKeyboard(job, saved.socialId),
      });
    } catch (error) {
      ctx.deps.workspace.busy.release(`tx:${projectId}`);
      await reportFault(job, status, error, Buttons.ai.pack({ projectId, action: "texts" }));
    } finally {
      ctx.deps.workspace.busy.release(`tx:${projectId}`);
    }
  });
}

/** `tx:<asset>:re` — a new version of one text, edited into the same message (the asset is updated). */
export async function onRegenerateText(ctx: Context, assetId: number): Promise<void> {
  const gemini = ctx.deps.services.gemini;
  if (!gemini) return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-gemini-off"), show_alert: true }));
  const asset = await ctx.deps.repos.ai.getText(assetId);
  const project = asset ? await ctx.deps.repos.projects.get(asset.projectId) : null;
  if (!asset || !project) return void (await ctx.answerCallbackQuery({ text: ctx.t("project-missing") }));
  if (!ctx.deps.workspace.busy.claim(`txa:${assetId}`))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-busy") }));
  await ctx.answerCallbackQuery();
  const job = jobFrom(ctx);
  const language = await textLanguage(ctx.deps.repos.settings, ctx);
  // Edit-in-place: the text's own message shows the progress, then the new version.
  const status = new StatusMessage(job, ctx.callbackQuery?.message?.message_id);
  await status.show(job.t("ai-progress-texts"), "typing");
  runInBackground(job, "text-regenerate", Buttons.text.pack({ assetId, action: "regenerate" }), async () => {
    try {
      const draft = ideaDraft(project.description || project.name);
      const text =
        asset.kind === "card_text"
          ? await gemini.generateCardText(draft, language)
          : await gemini.generateSocialText(draft, language);
      await job.deps.repos.ai.updateText(assetId, text, { model: gemini.model });
      ctx.deps.workspace.busy.release(`txa:${assetId}`);
      await status.finish(textMessage(job, asset.kind, project.name, text), textKeyboard(job, assetId));
    } catch (error) {
      ctx.deps.workspace.busy.release(`txa:${assetId}`);
      await reportFault(job, status, error, Buttons.text.pack({ assetId, action: "regenerate" }));
    } finally {
      ctx.deps.workspace.busy.release(`txa:${assetId}`);
    }
  });
}
