export const settingsTexts = {
  ru: `
settings-menu =
    ⚙️ <b>Настройки</b>
    Язык интерфейса: { $language }
btn-language = 🌐 Язык
choose-language = 🌐 Выберите язык интерфейса кнопкой или напишите код (ru / en):
language-unknown = Не знаю такого языка. Доступны: ru, en.
language-saved = ✅ Язык интерфейса: Русский
settings-closed = Настройки закрыты.
btn-close = ✖️ Закрыть
language-name = Русский
btn-timezone = 🕒 Часовой пояс
btn-quiet = 🌙 Тихие часы
btn-digest-time = 💡 Подборка идей
btn-reminders-overview = ⏰ Напоминания
btn-settings-back = ⚙️ Настройки
settings-timezone = Часовой пояс: { $zone }
settings-quiet = Тихие часы: { $hours }
settings-digest = Подборка идей: { $when }
quiet-off = выкл.
digest-default = по расписанию сервера
weekday-0 = Вс
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
ask-timezone = 🕒 Выберите часовой пояс или напишите его IANA-название (например, Asia/Almaty):
timezone-invalid = Не знаю часового пояса «{ $zone }». Нужно IANA-название вида Europe/Moscow или Asia/Tokyo — попробуйте ещё раз.
timezone-saved = ✅ Часовой пояс: { $zone }
ask-quiet = 🌙 В тихие часы напоминания не приходят — они придут, когда тихие часы закончатся. Выберите вариант или напишите интервал, например 22:00-08:00:
btn-quiet-off = 🔔 Без тихих часов
quiet-invalid-format = Не понял интервал. Напишите его так: 22:00-08:00 (или 22-8).
quiet-invalid-range = Часы — от 0 до 23, минуты — от 0 до 59. Попробуйте ещё раз, например 23:30-07:00.
quiet-invalid-empty = Начало и конец совпадают — такой интервал пуст. Укажите разные время начала и конца.
quiet-saved = ✅ Тихие часы: { $hours }
quiet-cleared = ✅ Тихие часы выключены.
ask-digest-day = 💡 В какой день присылать подборку идей?
ask-digest-hour = В котором часу? Выберите кнопку или напишите час (0–23):
digest-hour-invalid = Час — число от 0 до 23. Попробуйте ещё раз.
digest-saved = ✅ Подборка идей: { $when }
overview-head = ⏰ <b>Ближайшие напоминания</b> ({ $zone }):
overview-none = Нет проектов с напоминаниями.
overview-digest = 💡 Подборка идей: { $when }
`,
  en: `
settings-menu =
    ⚙️ <b>Settings</b>
    Interface language: { $language }
btn-language = 🌐 Language
choose-language = 🌐 Choose the interface language with a button or type its code (ru / en):
language-unknown = I don't know that language. Available: ru, en.
language-saved = ✅ Interface language: English
settings-closed = Settings closed.
btn-close = ✖️ Close
language-name = English
btn-timezone = 🕒 Time zone
btn-quiet = 🌙 Quiet hours
btn-digest-time = 💡 Idea digest
btn-reminders-overview = ⏰ Reminders
btn-settings-back = ⚙️ Settings
settings-timezone = Time zone: { $zone }
settings-quiet = Quiet hours: { $hours }
settings-digest = Idea digest: { $when }
quiet-off = off
digest-default = server schedule
weekday-0 = Sun
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
ask-timezone = 🕒 Choose your time zone or type its IANA name (e.g. Asia/Almaty):
timezone-invalid = I don't know the time zone "{ $zone }". It must be an IANA name such as Europe/Moscow or Asia/Tokyo — please try again.
timezone-saved = ✅ Time zone: { $zone }
ask-quiet = 🌙 No reminders arrive during quiet hours — they come when the quiet hours end. Pick an option or type a range such as 22:00-08:00:
btn-quiet-off = 🔔 No quiet hours
quiet-invalid-format = I didn't understand the range. Type it like 22:00-08:00 (or 22-8).
quiet-invalid-range = Hours go from 0 to 23, minutes from 0 to 59. Try again, e.g. 23:30-07:00.
quiet-invalid-empty = Start and end are the same, so the range is empty. Give different start and end times.
quiet-saved = ✅ Quiet hours: { $hours }
quiet-cleared = ✅ Quiet hours are off.
ask-digest-day = 💡 On which day should the idea digest come?
ask-digest-hour = At what hour? Pick a button or type the hour (0–23):
digest-hour-invalid = The hour is a number from 0 to 23. Please try again.
digest-saved = ✅ Idea digest: { $when }
overview-head = ⏰ <b>Upcoming reminders</b> ({ $zone }):
overview-none = No projects with reminders.
overview-digest = 💡 Idea digest: { $when }
`,
};
