import { InlineKeyboard } from "grammy";
import { Buttons } from "../buttons.ts";
import type { CallbackCodec } from "../callback-codec.ts";
import type { Flow, FlowContext } from "../context.ts";
import type { Checked } from "../../domain/project-text.ts";
import { waitStep } from "./wait-step.ts";

export const SKIP = Buttons.flow.pack({ action: "skip" });
export const FLOW_CANCEL = Buttons.flow.pack({ action: "cancel" });

/** A refusal of typed text with values of its own (already escaped for HTML). */
export type TextRefusal = { ok: false; key: string; args: Record<string, string | number> };

/**
 * The one "ask again until the text is valid" step: waits for text that passes `check` (which may look things up
 * through `conversation.external`); anything else (stickers, voice, too long…) is re-asked with the reason.
 */
export async function askText(
  conversation: Flow,
  check: (text: string) => Checked | TextRefusal | Promise<Checked | TextRefusal>,
  own?: CallbackCodec<unknown>,
): Promise<{ value: string; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation, own);
    const text = answer.message?.text;
    if (text === undefined) {
      if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-text") });
      else await answer.reply(answer.t("flow-hint-text"));
      continue;
    }
    const result = await check(text);
    if (result.ok) return { value: result.value, ctx: answer };
    const args = "args" in result ? result.args : { length: result.length ?? 0, max: result.max ?? 0 };
    await answer.reply(answer.t(result.key, args));
  }
}

/**
 * Waits for a button of `codec` that `pick` accepts (its value; undefined refuses it). Another tap of the step is
 * answered with the hint, a message gets it as a reply (with `keyboard`, so the choice is at hand again); buttons of
 * other screens pass through (waitStep).
 */
export async function askButton<V, T>(
  conversation: Flow,
  codec: CallbackCodec<V>,
  pick: (button: V) => T | undefined,
  keyboard?: (ctx: FlowContext) => InlineKeyboard,
): Promise<{ value: T; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation, codec);
    const button = codec.unpack(answer.callbackQuery?.data);
    const value = button === undefined ? undefined : pick(button);
    if (value !== undefined) {
      await answer.answerCallbackQuery();
      return { value, ctx: answer };
    }
    if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-button") });
    else await answer.reply(answer.t("flow-hint-button"), keyboard ? { reply_markup: keyboard(answer) } : {});
  }
}

/** Waits for an image (photo, or a document with an image type) or the Skip button. */
export async function askImage(
  conversation: Flow,
): Promise<{ image: { fileId: string; asDocument: boolean } | null; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation);
    if (answer.callbackQuery?.data === SKIP) {
      await answer.answerCallbackQuery();
      return { image: null, ctx: answer };
    }
    const photo = answer.message?.photo;
    if (photo?.length) return { image: { fileId: photo[photo.length - 1].file_id, asDocument: false }, ctx: answer };
    const document = answer.message?.document;
    if (document && document.mime_type?.startsWith("image/"))
      return { image: { fileId: document.file_id, asDocument: true }, ctx: answer };
    if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("photo-expected") });
    else await answer.reply(answer.t("photo-expected"), { reply_markup: skipKeyboard(answer) });
  }
}

export const skipKeyboard = (ctx: FlowContext) => new InlineKeyboard().text(ctx.t("btn-skip"), SKIP);
export const cancelKeyboard = (ctx: FlowContext) => new InlineKeyboard().text(ctx.t("btn-cancel"), FLOW_CANCEL);
