import sharp from "sharp";
import { parseTelegramHtml, telegramLength, trimParsed, type ParsedEntity } from "./telegram-html.ts";

/**
 * What the Bot API server refuses, with its own error texts (telegram-bot-api's Client.cpp and tdlib's
 * MessageContent/ReplyMarkup/MessageEntity checks, core.telegram.org/bots/api and its limits). Each check
 * returns the refusal or null.
 */
export interface Refusal {
  error_code: number;
  description: string;
}

const bad = (text: string): Refusal => ({ error_code: 400, description: `Bad Request: ${text}` });

export const LIMITS = {
  textLength: 4096,
  captionLength: 1024,
  callbackDataBytes: 64,
  callbackAnswerLength: 200,
  photoBytes: 10 * 1024 * 1024,
  photoSideSum: 10_000,
  photoAspectRatio: 20,
  uploadBytes: 50 * 1024 * 1024,
  downloadBytes: 20 * 1024 * 1024,
  commands: 100,
  commandDescription: 256,
} as const;

export const NOT_MODIFIED = bad(
  "message is not modified: specified new message content and reply markup are exactly the same as a current " +
    "content and reply markup of the message",
);
export const QUERY_TOO_OLD = bad("query is too old and response timeout expired or query ID is invalid");

export interface FormattedText {
  text: string;
  entities: ParsedEntity[];
}

/** Parses a text or caption the way the server does for its parse_mode (only HTML is used by the bot). */
export function formatText(raw: unknown, parseMode: unknown): FormattedText | Refusal {
  const source = raw === undefined || raw === null ? "" : String(raw);
  if (parseMode === undefined || parseMode === null || parseMode === "")
    return trimParsed({ text: source, entities: [] });
  if (String(parseMode).toLowerCase() !== "html") return bad(`unsupported parse_mode`);
  const parsed = parseTelegramHtml(source);
  return parsed.ok ? trimParsed(parsed) : bad(parsed.description);
}

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "error_code" in value;

export function checkMessageText(payload: Record<string, any>): FormattedText | Refusal {
  if (payload.text === undefined || payload.text === "") return bad("message text is empty");
  const formatted = formatText(payload.text, payload.parse_mode);
  if (isRefusal(formatted)) return formatted;
  if (formatted.text === "") return bad("text must be non-empty");
  if (telegramLength(formatted.text) > LIMITS.textLength) return bad("message is too long");
  return formatted;
}

export function checkCaption(caption: unknown, parseMode: unknown): FormattedText | Refusal {
  const formatted = formatText(caption, parseMode);
  if (isRefusal(formatted)) return formatted;
  if (telegramLength(formatted.text) > LIMITS.captionLength) return bad("message caption is too long");
  return formatted;
}

export const parseJson = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

/** An inline keyboard as the server accepts it: non-empty texts, one action per button, callback data 1–64 bytes. */
export function checkReplyMarkup(raw: unknown): Refusal | null {
  if (raw === undefined || raw === null || raw === "") return null;
  let markup: any;
  try {
    markup = parseJson(raw);
  } catch {
    return bad("can't parse reply keyboard markup JSON object");
  }
  if (!markup.inline_keyboard) return null;
  if (!Array.isArray(markup.inline_keyboard))
    return bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  for (const row of markup.inline_keyboard) {
    if (!Array.isArray(row))
      return bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    for (const button of row) {
      if (typeof button?.text !== "string" || button.text === "")
        return bad("inline keyboard button text must be non-empty");
      const actions = [
        "callback_data",
        "url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "web_app",
        "copy_text",
        "login_url",
        "pay",
        "callback_game",
      ];
      if (!actions.some((key) => button[key] !== undefined)) {
        return bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      if (button.callback_data !== undefined) {
        const bytes = Buffer.byteLength(String(button.callback_data));
        if (bytes < 1 || bytes > LIMITS.callbackDataBytes) return bad("BUTTON_DATA_INVALID");
      }
      if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(String(button.url))) {
        return bad("inline keyboard button URL is invalid");
      }
    }
  }
  return null;
}

export function checkCallbackAnswer(payload: Record<string, any>): Refusal | null {
  if (payload.text !== undefined && telegramLength(String(payload.text)) > LIMITS.callbackAnswerLength) {
    return bad("MESSAGE_TOO_LONG");
  }
  return null;
}

export function checkCommands(payload: Record<string, any>): Refusal | null {
  let commands: any;
  try {
    commands = parseJson(payload.commands);
  } catch {
    return bad("can't parse commands JSON object");
  }
  if (!Array.isArray(commands)) return bad('field "commands" must be an Array');
  if (commands.length > LIMITS.commands) return bad("BOT_COMMANDS_TOO_MUCH");
  for (const command of commands) {
    if (!/^[a-z0-9_]{1,32}$/.test(String(command?.command ?? ""))) return bad("BOT_COMMAND_INVALID");
    const description = String(command?.description ?? "");
    if (telegramLength(description) < 1 || telegramLength(description) > LIMITS.commandDescription) {
      return bad("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  return null;
}

/** 2–10 items; documents (and audio) only with their own kind. */
export function checkMediaGroup(media: unknown): Refusal | null {
  let items: any;
  try {
    items = parseJson(media);
  } catch {
    return bad("can't parse media JSON object");
  }
  if (!Array.isArray(items)) return bad("expected an Array of InputMedia");
  if (items.length === 0) return bad("there are no messages to send");
  if (items.length > 10) return bad("too many messages to send as an album");
  if (items.length < 2) return bad("media group must include 2-10 items");
  const types = new Set(items.map((item: any) => String(item?.type)));
  for (const homogenous of ["document", "audio"]) {
    if (types.has(homogenous) && types.size > 1) return bad(`${homogenous} can't be mixed with other media types`);
  }
  for (const item of items) {
    const caption = checkCaption(item.caption, item.parse_mode);
    if (isRefusal(caption)) return caption;
  }
  return null;
}

/** An uploaded file: ≤ 50 MB; a photo ≤ 10 MB with width + height ≤ 10000 and a side ratio ≤ 20. */
export async function checkUpload(kind: string, bytes: Buffer): Promise<Refusal | null> {
  if (bytes.length === 0) return bad("file must be non-empty");
  if (bytes.length > LIMITS.uploadBytes) return { error_code: 413, description: "Request Entity Too Large" };
  if (kind !== "photo") return null;
  if (bytes.length > LIMITS.photoBytes) return bad("PHOTO_SAVE_FILE_INVALID");
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height) return bad("IMAGE_PROCESS_FAILED");
  const ratio = Math.max(meta.width, meta.height) / Math.min(meta.width, meta.height);
  if (meta.width + meta.height > LIMITS.photoSideSum || ratio > LIMITS.photoAspectRatio) {
    return bad("PHOTO_INVALID_DIMENSIONS");
  }
  return null;
}

export const refusalFor = {
  editNotFound: bad("message to edit not found"),
  deleteNotFound: bad("message to delete not found"),
  replyNotFound: bad("message to be replied not found"),
  cantEdit: bad("message can't be edited"),
  noText: bad("there is no text in the message to edit"),
  noCaption: bad("there is no caption in the message to edit"),
  noMedia: bad("message media can't be edited"),
  fileTooBig: bad("file is too big"),
  wrongFileId: bad("wrong file_id or the file is temporarily unavailable"),
  chatNotFound: bad("chat not found"),
};
