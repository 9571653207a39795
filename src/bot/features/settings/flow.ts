import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../../context.ts";
import { localeKey } from "../../i18n.ts";
import { isLocale, type Locale } from "../../../domain/locale.ts";
import { showScreen } from "../../screen.ts";
import { waitStep } from "../../flow/wait-step.ts";
import { askButton } from "../../flow/ask.ts";
import { Buttons } from "../../buttons.ts";
import {
  REMINDER_SECTIONS,
  digestStep,
  overviewStep,
  quietHoursStep,
  reminderSettingsLines,
  settingsData,
  timeZoneStep,
} from "./reminder-settings.ts";
import { commandList } from "../../commands.ts";
import { TEXTS_LANGUAGE_KEY } from "../../text-language.ts";
import { backToMainKeyboard } from "../../navigation.ts";

export const SETTINGS_FLOW = "settings";

const CB = { language: settingsData("language"), texts: settingsData("textsLanguage"), close: settingsData("close") };

const TYPED_LANGUAGE: Record<string, Locale> = {
  ru: "ru",
  рус: "ru",
  русский: "ru",
  russian: "ru",
  en: "en",
  eng: "en",
  english: "en",
  английский: "en",
};

function settingsKeyboard(ctx: FlowContext) {
  return new InlineKeyboard()
    .text(ctx.t("settings-btn-language"), CB.language)
    .text(ctx.t("settings-btn-timezone"), REMINDER_SECTIONS.timeZone)
    .row()
    .text(ctx.t("settings-btn-quiet"), REMINDER_SECTIONS.quiet)
    .text(ctx.t("settings-btn-digest-time"), REMINDER_SECTIONS.digest)
    .row()
    .text(ctx.t("settings-btn-reminders-overview"), REMINDER_SECTIONS.overview)
    .row()
    .text(ctx.t("settings-btn-texts-language"), CB.texts)
    .row()
    .text(ctx.t("settings-btn-close"), CB.close);
}

function languageKeyboard(ctx: FlowContext) {
  return new InlineKeyboard()
    .text("🇷🇺 Русский", settingsData("language", "ru"))
    .text("🇬🇧 English", settingsData("language", "en"))
    .row()
    .text(ctx.t("common-btn-cancel"), CB.close);
}

const SECTIONS: string[] = [CB.language, CB.texts, CB.close, ...Object.values(REMINDER_SECTIONS)];

/** The menu's choice; another screen's button (a card's Delete) passes through to do its own job meanwhile. */
async function waitSection(conversation: Flow): Promise<FlowContext & { callbackQuery: { data: string } }> {
  const { ctx } = await askButton(conversation, Buttons.settings, (button) =>
    SECTIONS.includes(Buttons.settings.pack(button)) ? button : undefined,
  );
  return ctx as FlowContext & { callbackQuery: { data: string } };
}

/** /settings: language, time zone, quiet hours, the digest's day and hour, upcoming reminders. */
export async function settingsFlow(conversation: Flow, ctx: FlowContext) {
  const reminderSettings = await conversation.external((outer) => outer.deps.repos.reminders.settings());
  const textsInEnglish = await conversation.external(
    async (outer) => (await outer.deps.repos.settings.get(TEXTS_LANGUAGE_KEY)) === "en",
  );
  const textsLine = ctx.t("settings-texts", {
    value: ctx.t(textsInEnglish ? "settings-texts-language-en" : "settings-texts-language-interface"),
  });
  const menu = [
    ctx.t("settings-menu", { language: ctx.t("settings-language-name") }),
    textsLine,
    reminderSettingsLines(ctx, reminderSettings),
  ].join("\n");
  await showScreen(ctx, menu, settingsKeyboard(ctx));

  const section = await waitSection(conversation);
  if (section.callbackQuery.data === CB.close) {
    await showScreen(section, section.t("settings-closed"), backToMainKeyboard(section.t));
    return;
  }
  if (section.callbackQuery.data === CB.texts) {
    // One tap switches between the interface's language and English (what the original always wrote).
    await conversation.external((outer) =>
      outer.deps.repos.settings.set(TEXTS_LANGUAGE_KEY, textsInEnglish ? "interface" : "en"),
    );
    const value = section.t(textsInEnglish ? "settings-texts-language-interface" : "settings-texts-language-en");
    await showScreen(section, section.t("settings-texts-language-saved", { value }), backToMainKeyboard(section.t));
    return;
  }
  if (section.callbackQuery.data === REMINDER_SECTIONS.timeZone) return timeZoneStep(conversation, section);
  if (section.callbackQuery.data === REMINDER_SECTIONS.quiet) return quietHoursStep(conversation, section);
  if (section.callbackQuery.data === REMINDER_SECTIONS.digest) return digestStep(conversation, section);
  if (section.callbackQuery.data === REMINDER_SECTIONS.overview) return overviewStep(conversation, section);

  await showScreen(section, section.t("settings-choose-language"), languageKeyboard(section));
  let locale: Locale | undefined;
  let answer: FlowContext;
  do {
    answer = await waitStep(conversation, Buttons.settings);
    const button = Buttons.settings.unpack(answer.callbackQuery?.data);
    if (button?.section === "close") {
      await answer.answerCallbackQuery();
      await showScreen(answer, answer.t("settings-closed"), backToMainKeyboard(answer.t));
      return;
    }
    const pickedButton = button?.section === "language" ? button.arg : undefined;
    const picked = pickedButton ?? TYPED_LANGUAGE[answer.message?.text?.trim().toLowerCase() ?? ""];
    if (isLocale(picked)) locale = picked;
    else if (answer.callbackQuery) await answer.answerCallbackQuery({ text: answer.t("common-flow-hint-button") });
    else await answer.reply(answer.t("settings-language-unknown"));
  } while (!locale);

  const userId = answer.from?.id;
  if (userId === undefined) return; // a channel post or an anonymous admin: no one to remember a language for
  await conversation.external((outer) => outer.deps.repos.settings.set(localeKey(userId), locale));
  answer.i18n.useLocale(locale);
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  // The command menu of this chat follows the chosen language (commands.ts).
  await answer.api.setMyCommands(commandList(answer.t), { scope: { type: "chat", chat_id: userId } });
  await showScreen(answer, answer.t("settings-language-saved"), backToMainKeyboard(answer.t));
}
