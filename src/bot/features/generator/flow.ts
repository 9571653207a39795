import { InlineKeyboard } from "grammy";
import { sendStaged } from "../../staged-files.ts";
import type { Message } from "grammy/types";
import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import type { RenderFile } from "../../../db/card-repository.ts";
import type { SkippedPhoto } from "../../../services/pdf/pdf-service.ts";
import { type CardTexts, cardFileName, ownerTexts, rehearseCard, renderCard, writeTexts } from "./card-render.ts";
import {
  type CardSource,
  type ChosenTemplate,
  askDraft,
  askReplacement,
  collectRenders,
  pickSource,
  pickTemplate,
  waitChoice,
  genData,
} from "./steps.ts";
import { textLanguage } from "../../text-language.ts";

export const GENERATOR_FLOW = "generate-card";

/** The one status message of a run, edited through texts… / rendering… / uploading…. */
class Status {
  private message: Message.TextMessage | undefined;
  async show(ctx: FlowContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
    if (!this.message) this.message = await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
    else
      await ctx.api.editMessageText(this.message.chat.id, this.message.message_id, text, {
        parse_mode: "HTML",
        reply_markup: keyboard,
      });
  }
  async remove(ctx: FlowContext): Promise<void> {
    if (this.message) await ctx.api.deleteMessage(this.message.chat.id, this.message.message_id).catch(() => undefined);
    this.message = undefined;
  }
}

/**
 * Gemini's two texts (retry on failure, or fall back to the owner's draft); `meanwhile` runs once the owner sees
 * "texts…".
 */
async function produceTexts(
  conversation: Flow,
  ctx: FlowContext,
  status: Status,
  source: CardSource,
  draft: string,
  meanwhile?: () => Promise<void>,
): Promise<{ texts: CardTexts; ctx: FlowContext }> {
  let current = ctx;
  for (;;) {
    await status.show(current, current.t("gen-progress-texts"));
    await current.replyWithChatAction("typing");
    await meanwhile?.();
    meanwhile = undefined;
    const outcome = await conversation.external(async (outer) =>
      writeTexts(outer.deps, source.description, draft, await textLanguage(outer.deps.repos.settings, outer)),
    );
    if (outcome.ok) return { texts: outcome.texts, ctx: current };
    const keyboard = new InlineKeyboard()
      .text(current.t("gen-btn-retry"), genData("tx", "retry"))
      .text(current.t("gen-btn-use-draft"), genData("tx", "draft"));
    await status.show(
      current,
      current.t("gen-texts-failed", { reason: current.t(`ai-fault-gemini-${outcome.fault}`, { model: "" }) }),
      keyboard,
    );
    const answer = await waitChoice(conversation, ["tx"], ["retry", "draft"]);
    current = answer;
    if (answer.choice.arg === "draft") return { texts: ownerTexts(source.description, draft), ctx: current };
  }
}

interface RenderInput {
  source: CardSource;
  template: ChosenTemplate;
  renders: RenderFile[];
  draft: string;
  texts: CardTexts;
}

type FilePaths = { fileId: string; path: string }[];

/** getFile for every render: paths expire, so they are asked anew for each render (downloads are cached by file id). */
async function filePaths(ctx: FlowContext, renders: RenderFile[]): Promise<FilePaths> {
  const files: FilePaths = [];
  for (const render of renders) {
    const info = await ctx.api.getFile(render.fileId);
    files.push({ fileId: render.fileId, path: info.file_path ?? "" });
  }
  return files;
}

const cardRequest = (input: RenderInput, files: FilePaths, now: number) => ({
  templateId: input.template.id,
  files,
  name: input.source.name,
  createdAt: input.source.createdAt,
  draft: input.draft,
  texts: input.texts,
  now,
});

/**
 * The render itself runs outside the replay log; `files` from a rehearsal a moment ago saves the getFile round trips.
 */
async function render(conversation: Flow, ctx: FlowContext, status: Status, input: RenderInput, files?: FilePaths) {
  await status.show(ctx, ctx.t("gen-progress-render"));
  await ctx.replyWithChatAction("upload_document");
  const request = cardRequest(input, files ?? (await filePaths(ctx, input.renders)), await conversation.now());
  return conversation.external((outer) => renderCard(outer.deps, request));
}

/** /generate: project → template → renders → draft → texts → preview (PNG) → PDF + social text → assets. */
export async function generatorFlow(conversation: Flow, ctx: FlowContext, preselectedId?: number) {
  const picked = await pickSource(conversation, ctx, preselectedId);
  const source = picked.source;
  const chosen = await pickTemplate(conversation, picked.ctx, source.name);
  let template = chosen.template;
  const collected = await collectRenders(conversation, chosen.ctx);
  const draft = await askDraft(conversation, collected.ctx);
  let last = draft.ctx;
  const geminiOn = await conversation.external((outer) => outer.deps.services.gemini !== undefined);
  if (!geminiOn) await last.reply(last.t("gen-gemini-off"));
  let status = new Status();
  // Gemini takes seconds: meanwhile the card is rehearsed with the owner's draft, so the renders are
  // downloaded and fitted and Chromium is warm when the texts arrive (the rehearsal's card is dropped).
  let files: FilePaths | undefined;
  const rehearse = async () => {
    files = await filePaths(last, collected.renders);
    const request = cardRequest(
      {
        source,
        template,
        renders: collected.renders,
        draft: draft.text,
        texts: ownerTexts(source.description, draft.text),
      },
      files,
      await conversation.now(),
    );
    await conversation.external((outer) => rehearseCard(outer.deps, request));
  };
  const produced = await produceTexts(conversation, last, status, source, draft.text, geminiOn ? rehearse : undefined);
  let texts = produced.texts;
  last = produced.ctx;

  let token: string | undefined;
  for (;;) {
    const input = { source, template, renders: collected.renders, draft: draft.text, texts };
    const rendered = await render(conversation, last, status, input, files);
    files = undefined;
    if (!rendered.ok) {
      const keyboard = new InlineKeyboard()
        .text(last.t("gen-btn-retry"), genData("again"))
        .text(last.t("gen-btn-other-template"), genData("ot"));
      await status.show(
        last,
        last.t(rendered.key, { reason: escapeHtml(String(rendered.args.reason ?? "")) }),
        keyboard,
      );
      const answer = await waitChoice(conversation, ["again", "ot"]);
      last = answer;
      if (answer.choice.step === "ot") ({ template } = await pickTemplate(conversation, answer, source.name));
      continue;
    }
    token = rendered.token;
    await status.remove(last);
    const keyboard = new InlineKeyboard()
      .text(last.t("gen-btn-ok"), genData("ok"))
      .row()
      .text(last.t("gen-btn-regenerate"), genData("re"))
      .text(last.t("gen-btn-edit"), genData("ed"))
      .row()
      .text(last.t("gen-btn-other-template"), genData("ot"));
    const preview = last.t("gen-preview-caption", {
      name: escapeHtml(source.name),
      template: escapeHtml(template.name),
      pages: rendered.pages,
    });
    const caption = rendered.skipped?.length ? `${preview}\n${skippedPhotosText(last.t, rendered.skipped)}` : preview;
    const shown = token;
    await sendStaged(
      conversation,
      "photo",
      (workspace) => {
        const card = workspace.cards.get(shown);
        return card && { bytes: card.png, filename: "preview.png" };
      },
      { caption, parse_mode: "HTML", reply_markup: keyboard },
    );
    let answer = await waitChoice(conversation, ["ok", "re", "ed", "ot"]);
    while (answer.choice.step === "re" && !geminiOn) {
      await answer.reply(answer.t("gen-regenerate-off"));
      answer = await waitChoice(conversation, ["ok", "re", "ed", "ot"]);
    }
    last = answer;
    status = new Status();
    const action = answer.choice.step;
    if (action === "ok") break;
    if (action === "re") ({ texts, ctx: last } = await produceTexts(conversation, last, status, source, draft.text));
    if (action === "ot") ({ template, ctx: last } = await pickTemplate(conversation, last, source.name));
    if (action === "ed") {
      await last.reply(last.t("gen-edit-which"), {
        reply_markup: new InlineKeyboard()
          .text(last.t("gen-btn-edit-card"), genData("ed", "card"))
          .text(last.t("gen-btn-edit-social"), genData("ed", "social")),
      });
      const which = await waitChoice(conversation, ["ed"], ["card", "social"]);
      const kind = which.choice.arg as "card" | "social";
      const replaced = await askReplacement(conversation, which, texts[kind]);
      texts = { ...texts, [kind]: replaced.text };
      last = replaced.ctx;
    }
  }

  let save = source.projectId !== null;
  if (source.projectId === null) {
    const keyboard = new InlineKeyboard()
      .text(last.t("gen-btn-save-yes"), genData("sv", "y"))
      .text(last.t("gen-btn-save-no"), genData("sv", "n"));
    await last.reply(last.t("gen-ask-save-project", { name: escapeHtml(source.name) }), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    const answer = await waitChoice(conversation, ["sv"], ["y", "n"]);
    save = answer.choice.arg === "y";
    last = answer;
  }

  // After a restart the rendered PDF is gone from memory: render it again.
  const staged = await conversation.external((outer) => outer.deps.workspace.cards.get(token) !== undefined);
  if (!staged) {
    const again = await render(conversation, last, status, {
      source,
      template,
      renders: collected.renders,
      draft: draft.text,
      texts,
    });
    if (!again.ok)
      return void (await status.show(last, last.t(again.key, { reason: escapeHtml(String(again.args.reason ?? "")) })));
    token = again.token;
  }
  await status.show(last, last.t("gen-progress-upload"));
  await last.replyWithChatAction("upload_document");
  const fileName = cardFileName(source.name);
  const printed = token;
  const sent = await sendStaged(conversation, "document", (workspace) => {
    const card = workspace.cards.get(printed);
    return card && { bytes: card.pdf, filename: fileName };
  });
  if (!sent?.document) return void (await status.show(last, last.t("gen-render-lost")));
  await last.reply(`${last.t("gen-social-title", { name: escapeHtml(source.name) })}\n\n${escapeHtml(texts.social)}`, {
    parse_mode: "HTML",
  });
  const done = last.t("gen-done", { name: escapeHtml(source.name) });
  if (!save) return void (await status.show(last, `${done}\n${last.t("gen-not-saved")}`));

  const card = {
    target:
      source.projectId !== null
        ? { projectId: source.projectId }
        : { newProject: { name: source.name, description: source.description } },
    pdfFileId: sent.document.file_id,
    pdfName: fileName,
    templateName: template.name,
    cardText: texts.card,
    socialText: texts.social,
    draft: draft.text,
    renders: collected.renders,
  };
  const projectId = await conversation.external(async (outer) => {
    const id = await outer.deps.repos.cards.save(card, `card:${outer.update.update_id}`);
    outer.deps.workspace.cards.delete(printed);
    return id;
  });
  const savedKey =
    projectId === null ? "gen-project-missing" : source.projectId === null ? "gen-saved-new" : "gen-saved";
  await status.show(last, `${done}\n${last.t(savedKey, { name: escapeHtml(source.name) })}`);
}

/** "⚠️ Left out: photo 2 (damaged), photo 3 (30000×30000 px)". */
function skippedPhotosText(t: FlowContext["t"], skipped: SkippedPhoto[]): string {
  const items = skipped.map((photo) => {
    if (photo.reason === "too-large")
      return t("gen-photo-too-large", { n: photo.index, width: photo.width ?? 0, height: photo.height ?? 0 });
    if (photo.reason === "over-budget") return t("gen-photo-over-budget", { n: photo.index });
    return t("gen-photo-broken", { n: photo.index });
  });
  return t("gen-photos-skipped", { list: items.join(", ") });
}
