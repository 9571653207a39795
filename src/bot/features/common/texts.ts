export const commonTexts = {
  ru: `
common-btn-back = ⬅️ Назад
common-btn-cancel = ✖️ Отмена
common-btn-main-menu = 🏠 Главное меню
common-cancelled = Действие отменено. Возвращаю в главное меню.
common-nothing-to-cancel = Сейчас нечего отменять.
common-stale-button = Эта кнопка устарела. Откройте меню заново: /start
common-unknown-text = Я понимаю команды и кнопки. Откройте меню: /start · помощь: /help
common-unknown-media = Такие сообщения я понимаю только в ответ на свой вопрос — например, фото после /new. Меню: /start
common-error-generic = ⚠️ Что-то пошло не так, но ваши изменения сохранены. Попробуйте ещё раз или откройте /start.
common-error-database = ⚠️ Не могу достучаться до своей базы данных. Я продолжаю работать — попробуйте через минуту.
common-flow-hint-text = Пришлите, пожалуйста, текст — или /cancel, чтобы выйти.
common-flow-hint-button = Выберите вариант кнопкой ниже — или /cancel, чтобы выйти.
common-list-more = … и ещё { $count } { $count ->
    [one] строка не поместилась
    [few] строки не поместились
   *[many] строк не поместились
  } в одно сообщение.
common-flow-left = ↩️ Незаконченный шаг закрыт — начинаю новый.
`,
  en: `
common-btn-back = ⬅️ Back
common-btn-cancel = ✖️ Cancel
common-btn-main-menu = 🏠 Main menu
common-list-more = … and { $count } more that did not fit in one message.
common-flow-left = ↩️ The unfinished step was closed — starting the new one.
common-cancelled = Cancelled. Back to the main menu.
common-nothing-to-cancel = There is nothing to cancel.
common-stale-button = This button is out of date. Open the menu again: /start
common-unknown-text = I understand commands and buttons. Open the menu: /start · help: /help
common-unknown-media = I don't handle this kind of message outside a flow yet. Menu: /start
common-error-generic = ⚠️ Something went wrong; nothing was lost. Please try again or open /start.
common-error-database = ⚠️ The database is unavailable right now. I'm still running — please retry in a minute.
common-flow-hint-text = Please send text — or /cancel to leave.
common-flow-hint-button = Please choose with a button below — or /cancel to leave.
`,
};
