import { InlineKeyboard } from "grammy";
import type { InputMediaDocument, InputMediaPhoto } from "grammy/types";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { fitLines } from "../../message-fit.ts";
import { projectData } from "../../navigation.ts";
import type { ProjectView } from "../../../domain/project.ts";

/** At most this many files are sent back per tap (Telegram's albums take 10; more would flood the chat). */
const MAX_FILES = 30;
const ALBUM = 10;

/** Sends files as albums of up to ten (one file alone goes as a single photo or document: an album needs two). */
async function sendFiles(ctx: Context, kind: "photo" | "document", fileIds: string[]): Promise<void> {
  for (let start = 0; start < fileIds.length; start += ALBUM) {
    const chunk = fileIds.slice(start, start + ALBUM);
    if (chunk.length === 1) {
      await (kind === "photo" ? ctx.replyWithPhoto(chunk[0]) : ctx.replyWithDocument(chunk[0]));
      continue;
    }
    const media = chunk.map((media) => ({ type: kind, media })) as InputMediaPhoto[] | InputMediaDocument[];
    await ctx.replyWithMediaGroup(media);
  }
}

/** The card's "📎 Attachments (N)": the renders, files and notes of a project, sent back into the chat. */
export async function showAttachments(ctx: Context, project: ProjectView): Promise<void> {
  const all = await ctx.deps.repos.assets.attachments(project.id);
  const files = all.filter((a) => a.fileId !== null);
  const shown = files.slice(0, MAX_FILES);
  await ctx.reply(ctx.t("project-attachments-head", { name: escapeHtml(project.name), count: all.length }));
  await sendFiles(
    ctx,
    "photo",
    shown.flatMap((a) => (a.asPhoto && a.fileId ? [a.fileId] : [])),
  );
  await sendFiles(
    ctx,
    "document",
    shown.flatMap((a) => (!a.asPhoto && a.fileId ? [a.fileId] : [])),
  );
  const notes = all.flatMap((a) => (a.kind === "note" && a.text ? [`• ${escapeHtml(a.text)}`] : []));
  const lines = notes.length ? [ctx.t("project-attachments-notes"), ...notes] : [];
  const more =
    files.length > shown.length
      ? ctx.t("project-attachments-more", { count: files.length - shown.length, max: MAX_FILES })
      : "";
  const text = fitLines(
    lines.slice(0, 1),
    lines.slice(1),
    (count) => ctx.t("common-list-more", { count }),
    more ? ["", more] : [],
  );
  const back = new InlineKeyboard().text(ctx.t("project-btn-open-card"), projectData(project.id, "open"));
  await ctx.reply(text || ctx.t("project-attachments-end"), { reply_markup: back });
}
