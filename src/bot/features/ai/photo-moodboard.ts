import { InlineKeyboard } from "grammy";
import { Buttons } from "../../buttons.ts";
import type { Context } from "../../context.ts";
import { hasWords } from "../../job.ts";
import { type MoodboardDraft, newBoardDraft } from "./moodboard-job.ts";

/** How long an album's id is remembered: its photos arrive within a second or two. */
const ALBUM_MEMORY_MS = 60_000;

function firstOfAlbum(ctx: Context, group: string): boolean {
  const key = `album-offer:${group}`;
  const { busy } = ctx.deps.workspace;
  if (!busy.claim(key)) return false;
  setTimeout(() => busy.release(key), ALBUM_MEMORY_MS).unref();
  return true;
}

/** The offer's argument: a tap on it makes the first board, never a second one. */
export const PHOTO_OFFER = "new";

/**
 * A photo sent to the chat on its own (not a reply to a project, not a flow's answer): with Fal on, it is offered as a
 * moodboard's reference. The draft is made now (a photo's file id does not fit in a button); its board has no project
 * until it is saved, when it becomes a new idea. The caption, if any, is the description.
 */
export async function onLoosePhoto(ctx: Context, next: () => Promise<void>): Promise<void> {
  const message = ctx.msg;
  const photo = message?.photo?.at(-1);
  if (!message || !photo || !ctx.deps.services.fal) return next();
  // An album arrives as one message per photo: its first photo gets the offer, the others are taken in silence.
  if (message.media_group_id && !firstOfAlbum(ctx, message.media_group_id)) return;
  const caption = message.caption?.trim() ?? "";
  const draft = await ctx.deps.repos.ai.createDraft<MoodboardDraft>(
    "moodboard",
    null,
    newBoardDraft({
      projectId: null,
      projectName: "",
      source: hasWords(caption) ? caption : "",
      reference: { fileId: photo.file_id },
    }),
  );
  const keyboard = new InlineKeyboard().text(
    ctx.t("ai-btn-mb-this-photo"),
    Buttons.moodboard.pack({ draftId: draft.id, action: "all", arg: PHOTO_OFFER }),
  );
  await ctx.reply(ctx.t(draft.data.source ? "ai-mb-photo-offer-caption" : "ai-mb-photo-offer"), {
    reply_markup: keyboard,
    reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
  });
}
