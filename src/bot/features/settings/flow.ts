import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { isLocale, localeKey, type Locale } from "../../i18n.ts";
import { showScreen } from "../../screen.ts";
import { backToMainKeyboard } from "../menu/keyboards.ts";

export const SETTINGS_FLOW = "settings";

const CB = { language: "set:lang", close: "set:close", pick: /^set:lang:(ru|en)$/ };

const TYPED_LANGUAGE: Record<string, Locale> = { ru: "ru", "рус": "ru", "русский": "ru", russian: "ru", en: "en", eng: "en", english: "en", "английский": "en" };

function settingsKeyboard(ctx: FlowContext) {
  return new InlineKeyboard().text(ctx.t("btn-language"), CB.language).row().text(ctx.t("btn-close"), CB.close);
}

function languageKeyboard(ctx: FlowContext) {
  return new InlineKeyboard()
    .text("🇷🇺 Русский", "set:lang:ru")
    .text("🇬🇧 English", "set:lang:en")
    .row()
    .text(ctx.t("btn-cancel"), CB.close);
}

/** /settings: the owner's preferences. Later issues add time zone, quiet hours and the digest here. */
export async function settingsFlow(conversation: Flow, ctx: FlowContext) {
  await showScreen(ctx, ctx.t("settings-menu", { language: ctx.t("language-name") }), settingsKeyboard(ctx));

  const section = await conversation.waitForCallbackQuery([CB.language, CB.close], {
    otherwise: (other) => other.reply(other.t("flow-hint-button")),
  });
  await section.answerCallbackQuery();
  if (section.callbackQuery.data === CB.close) {
    await showScreen(section, section.t("settings-closed"), backToMainKeyboard(section.t));
    return;
  }

  await showScreen(section, section.t("choose-language"), languageKeyboard(section));
  let locale: Locale | undefined;
  let answer: FlowContext;
  do {
    answer = await conversation.wait();
    const data = answer.callbackQuery?.data;
    if (data === CB.close) {
      await answer.answerCallbackQuery();
      await showScreen(answer, answer.t("settings-closed"), backToMainKeyboard(answer.t));
      return;
    }
    const picked = data?.match(CB.pick)?.[1] ?? TYPED_LANGUAGE[answer.message?.text?.trim().toLowerCase() ?? ""];
    if (isLocale(picked)) locale = picked;
    else if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("flow-hint-button") });
    else await answer.reply(answer.t("language-unknown"));
  } while (!locale);

  const userId = answer.from!.id;
  await conversation.external((outer) => outer.deps.repos.settings.set(localeKey(userId), locale));
  answer.i18n.useLocale(locale);
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  await showScreen(answer, answer.t("language-saved"), backToMainKeyboard(answer.t));
}
