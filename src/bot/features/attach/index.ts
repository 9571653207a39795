import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import type { NewAttachment } from "../../../db/asset-repository.ts";
import { Buttons } from "../../buttons.ts";
import { projectData } from "../../navigation.ts";

/** Reply to attach: a photo, image file, PDF or text sent as a reply to a bot message about one project. */
export const attachFeature = new Composer<Context>();

type Parsed = { label: string; attachment: Omit<NewAttachment, "notionText">; fileName?: string } | null;

/** The projects a bot message is about, read from its buttons (every card and confirmation carries `p:<id>:…`). */
export function projectsOfMessage(message: Message): number[] {
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
  const ids = new Set<number>();
  for (const button of buttons) {
    const project = "callback_data" in button ? Buttons.project.unpack(button.callback_data) : undefined;
    if (project) ids.add(project.id);
  }
  return [...ids];
}

function parseAttachment(message: Message): Parsed {
  const caption = message.caption?.trim() || undefined;
  if (message.photo?.length) {
    const photo = message.photo[message.photo.length - 1];
    return {
      label: "final_render",
      attachment: {
        kind: "final_render",
        telegramFileId: photo.file_id,
        text: caption,
        details: { asDocument: false, width: photo.width, height: photo.height },
      },
    };
  }
  const document = message.document;
  if (document) {
    const mime = document.mime_type ?? "";
    const name = document.file_name ?? "";
    const details = {
      asDocument: true,
      fileName: name,
      mimeType: mime,
      ...(document.file_size ? { size: document.file_size } : {}),
    };
    if (mime.startsWith("image/"))
      return {
        label: "image_file",
        fileName: name,
        attachment: { kind: "final_render", telegramFileId: document.file_id, text: caption, details },
      };
    if (mime === "application/pdf" || /\.pdf$/i.test(name))
      return {
        label: "pdf",
        fileName: name,
        attachment: { kind: "pdf", telegramFileId: document.file_id, text: caption, details },
      };
    return null;
  }
  if (message.text !== undefined) return { label: "note", attachment: { kind: "note", text: message.text } };
  return null;
}

/** The text mirrored to Notion, written now so it is in the owner's language. */
async function notionText(ctx: Context, parsed: NonNullable<Parsed>): Promise<string> {
  const { attachment } = parsed;
  if (attachment.kind === "note") return ctx.t("attach-notion-note", { text: attachment.text ?? "" });
  const locale = await ctx.i18n.getLocale();
  const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    dateStyle: "medium",
    timeZone: await ownerTimeZone(ctx.deps),
  }).format(new Date());
  // A photo has no file name: the line then names only the kind.
  const file = parsed.fileName ? ` «${parsed.fileName}»` : "";
  const line = ctx.t(`attach-notion-file-${parsed.label}`, { file, date });
  return attachment.text ? `${line}\n${ctx.t("attach-notion-caption", { caption: attachment.text })}` : line;
}

attachFeature.on("message", async (ctx, next) => {
  const message = ctx.message;
  const target = message.reply_to_message;
  if (!target || target.from?.id !== ctx.me.id) return next();
  if (message.text?.startsWith("/")) return next();
  const ids = projectsOfMessage(target);
  if (ids.length === 0) return next();
  const reply = (text: string, keyboard?: InlineKeyboard) =>
    ctx.reply(text, {
      reply_markup: keyboard,
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
  if (ids.length > 1) return void (await reply(ctx.t("attach-ambiguous")));

  const parsed = parseAttachment(message);
  if (!parsed) return void (await reply(ctx.t("attach-unsupported")));
  const project = await ctx.deps.repos.projects.get(ids[0]);
  if (!project) return void (await reply(ctx.t("attach-missing")));
  const assetId = await ctx.deps.repos.assets.attach(project.id, {
    ...parsed.attachment,
    notionText: await notionText(ctx, parsed),
  });
  if (assetId === null) return void (await reply(ctx.t("attach-missing")));
  const lines = [ctx.t("attach-done", { name: escapeHtml(project.name), kind: ctx.t(`attach-kind-${parsed.label}`) })];
  if (ctx.deps.config.notion) lines.push(ctx.t("attach-done-notion"));
  await reply(
    lines.join("\n"),
    new InlineKeyboard().text(ctx.t("project-btn-open-card"), projectData(project.id, "open")),
  );
});
