import type { Flow, FlowContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { showScreen } from "../../screen.ts";
import { FLOW_CANCEL, askImage, askText, cancelKeyboard, skipKeyboard } from "../../flow/ask.ts";
import { showCard } from "../../project-card/card.ts";
import { savedConfirmation, watchSyncScreen } from "./sync-refresh.ts";
import { checkDescription, checkName } from "../../../domain/project-text.ts";
import type { IdeaSteps } from "../../flow/idea-steps.ts";
import type { ProjectView } from "../../../domain/project.ts";

export const NEW_IDEA_FLOW = "new-idea";
export const EDIT_PROJECT_FLOW = "edit-project";

/**
 * /new: name → description → optional reference image → saved as an idea, mirrored to Notion. `steps` are the AI's
 * (voice description, moodboard offer), given when the bot is put together.
 */
export const newIdeaFlow = (steps: IdeaSteps) => async (conversation: Flow, ctx: FlowContext) => {
  await showScreen(ctx, ctx.t("project-new-ask-name"), cancelKeyboard(ctx));
  const name = await askText(conversation, checkName);
  await name.ctx.reply(name.ctx.t("project-new-ask-description"), { reply_markup: cancelKeyboard(name.ctx) });
  const description = await steps.askDescription(conversation);
  await description.ctx.reply(description.ctx.t("project-new-ask-photo"), {
    reply_markup: skipKeyboard(description.ctx).text(description.ctx.t("common-btn-cancel"), FLOW_CANCEL),
  });
  const { image, ctx: afterPhoto } = await askImage(conversation);
  const moodboard = await steps.askMoodboard(conversation, afterPhoto);
  const last = moodboard.ctx;

  const saved = await conversation.external((outer) =>
    outer.deps.repos.projects.create(
      { name: name.value, description: description.value, reference: image },
      { onceKey: `new-idea:${outer.update.update_id}` },
    ),
  );
  const { text, keyboard } = savedConfirmation(last.t, saved);
  const sent = await last.reply(text, { reply_markup: keyboard });
  // "Notion: pending" until the sync worker has written the page; then it edits this message to carry the link.
  if (saved.sync === "pending") {
    const placed = { chatId: sent.chat.id, messageId: sent.message_id, media: false };
    await conversation.external((outer) => watchSyncScreen(outer, saved.id, { kind: "saved", placed }));
  }
  if (moodboard.wanted) await steps.startMoodboard(conversation, saved.id);
};

/** Edits one field of a project, then shows the updated card. */
export async function editProjectFlow(
  conversation: Flow,
  ctx: FlowContext,
  projectId: number,
  field: "name" | "description",
) {
  const project = await conversation.external((outer) => outer.deps.repos.projects.get(projectId));
  if (!project) return;
  await ctx.reply(
    ctx.t(field === "name" ? "project-edit-ask-name" : "project-edit-ask-description", {
      name: escapeHtml(project.name),
    }),
    { reply_markup: cancelKeyboard(ctx) },
  );
  const answer = await askText(conversation, field === "name" ? checkName : checkDescription);
  const updated: ProjectView | null = await conversation.external((outer) =>
    outer.deps.repos.projects.update(projectId, { [field]: answer.value }),
  );
  if (!updated) {
    await answer.ctx.reply(answer.ctx.t("project-missing"));
    return;
  }
  const timeZone = await conversation.external((outer) => ownerTimeZone(outer.deps));
  await showCard(answer.ctx, updated, timeZone);
}
