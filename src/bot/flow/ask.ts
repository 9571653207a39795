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

/** What a waiting step makes of one answer: its value, a refusal said as a hint, or nothing more to say. */
export type Verdict<T> =
  | { value: T }
  | { refuse: string; args?: Record<string, string | number>; keyboard?: InlineKeyboard; alert?: boolean }
  | { handled: true };

/** A refusal: a toast (or an alert) on the tapped button, a reply (with `keyboard`) to a message. */
export async function refuse(
  answer: FlowContext,
  verdict: Extract<Verdict<unknown>, { refuse: string }>,
): Promise<void> {
  const text = answer.t(verdict.refuse, verdict.args);
  if (answer.callbackQuery) await answer.answerCallbackQuery(verdict.alert ? { text, show_alert: true } : { text });
  else await answer.reply(text, verdict.keyboard ? { reply_markup: verdict.keyboard } : undefined);
}

/**
 * The flow toolkit's one wait loop: each answer to a waiting step (a message, or a button of `own` or of the flow;
 * other screens' buttons pass through, see waitStep) goes to `judge` until it gives the step's value.
 */
export async function askUntil<T>(
  conversation: Flow,
  own: CallbackCodec<unknown> | undefined,
  judge: (answer: FlowContext) => Verdict<T> | Promise<Verdict<T>>,
): Promise<{ value: T; ctx: FlowContext }> {
  for (;;) {
    const answer = await waitStep(conversation, own);
    const verdict = await judge(answer);
    if ("value" in verdict) return { value: verdict.value, ctx: answer };
    if ("refuse" in verdict) await refuse(answer, verdict);
  }
}

/**
 * The one "ask again until the text is valid" step: waits for text that passes `check` (which may look things up
 * through `conversation.external`); anything else (stickers, voice, too long…) is re-asked with the reason.
 */
export function askText(
  conversation: Flow,
  check: (text: string) => Checked | TextRefusal | Promise<Checked | TextRefusal>,
  own?: CallbackCodec<unknown>,
): Promise<{ value: string; ctx: FlowContext }> {
  return askUntil(conversation, own, async (answer): Promise<Verdict<string>> => {
    const text = answer.message?.text;
    if (text === undefined) return { refuse: "common-flow-hint-text" };
    const result = await check(text);
    if (result.ok) return { value: result.value };
    const args = "args" in result ? result.args : { length: result.length ?? 0, max: result.max ?? 0 };
    return { refuse: result.key, args };
  });
}

/**
 * Waits for a button of `codec` that `pick` accepts (its value; undefined refuses it). Another tap of the step is
 * answered with the hint, a message gets it as a reply (with `keyboard`, so the choice is at hand again); buttons of
 * other screens pass through (waitStep).
 */
export function askButton<V, T>(
  conversation: Flow,
  codec: CallbackCodec<V>,
  pick: (button: V) => T | undefined,
  keyboard?: (ctx: FlowContext) => InlineKeyboard,
): Promise<{ value: T; ctx: FlowContext }> {
  return askUntil(conversation, codec, async (answer): Promise<Verdict<T>> => {
    const button = codec.unpack(answer.callbackQuery?.data);
    const value = button === undefined ? undefined : pick(button);
    if (value === undefined) return { refuse: "common-flow-hint-button", keyboard: keyboard?.(answer) };
    await answer.answerCallbackQuery();
    return { value };
  });
}

type Image = { fileId: string; asDocument: boolean };

/** Waits for an image (photo, or a document with an image type) or the Skip button. */
export async function askImage(conversation: Flow): Promise<{ image: Image | null; ctx: FlowContext }> {
  const { value, ctx } = await askUntil(conversation, undefined, async (answer): Promise<Verdict<Image | null>> => {
    if (answer.callbackQuery?.data === SKIP) {
      await answer.answerCallbackQuery();
      return { value: null };
    }
    const photo = answer.message?.photo;
    if (photo?.length) return { value: { fileId: photo[photo.length - 1].file_id, asDocument: false } };
    const document = answer.message?.document;
    if (document && document.mime_type?.startsWith("image/"))
      return { value: { fileId: document.file_id, asDocument: true } };
    return { refuse: "project-photo-expected", keyboard: skipKeyboard(answer) };
  });
  return { image: value, ctx };
}

export const skipKeyboard = (ctx: FlowContext) => new InlineKeyboard().text(ctx.t("project-btn-skip"), SKIP);
export const cancelKeyboard = (ctx: FlowContext) => new InlineKeyboard().text(ctx.t("common-btn-cancel"), FLOW_CANCEL);
