export const commonTexts = {
  ru: `
btn-back = ⬅️ Назад
btn-cancel = ✖️ Отмена
btn-main-menu = 🏠 Главное меню
cancelled = Действие отменено. Возвращаю в главное меню.
nothing-to-cancel = Сейчас нечего отменять.
stale-button = Эта кнопка устарела. Откройте меню заново: /start
unknown-text = Я понимаю команды и кнопки. Откройте меню: /start · помощь: /help
unknown-media = Этот тип сообщения я пока не обрабатываю вне сценариев. Меню: /start
error-generic = ⚠️ Что-то пошло не так, изменения не потеряны. Попробуйте ещё раз или откройте /start.
error-database = ⚠️ База данных сейчас недоступна. Я продолжаю работать — повторите через минуту.
flow-hint-text = Пришлите, пожалуйста, текст — или /cancel, чтобы выйти.
flow-hint-button = Выберите вариант кнопкой ниже — или /cancel, чтобы выйти.
list-more = … и ещё { $count } — не поместились в одно сообщение.
flow-left = ↩️ Незаконченный шаг закрыт — начинаю новый.
`,
  en: `
btn-back = ⬅️ Back
btn-cancel = ✖️ Cancel
btn-main-menu = 🏠 Main menu
list-more = … and { $count } more that did not fit in one message.
flow-left = ↩️ The unfinished step was closed — starting the new one.
cancelled = Cancelled. Back to the main menu.
nothing-to-cancel = There is nothing to cancel.
stale-button = This button is out of date. Open the menu again: /start
unknown-text = I understand commands and buttons. Open the menu: /start · help: /help
unknown-media = I don't handle this kind of message outside a flow yet. Menu: /start
error-generic = ⚠️ Something went wrong; nothing was lost. Please try again or open /start.
error-database = ⚠️ The database is unavailable right now. I'm still running — please retry in a minute.
flow-hint-text = Please send text — or /cancel to leave.
flow-hint-button = Please choose with a button below — or /cancel to leave.
`,
};
