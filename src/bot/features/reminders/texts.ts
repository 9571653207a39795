export const reminderTexts = {
  ru: `
reminder-project = ⏰ Как продвигается работа над „{ $name }“?
btn-snooze-hour = 😴 Через час
btn-snooze-tomorrow = 🌙 Завтра
btn-snooze-week = 📅 Через неделю
btn-pause-reminders = 🔕 Пауза напоминаний
reminder-snoozed = 😴 Напомню о „{ $name }“ { $when }.
reminder-paused = 🔕 Напоминания о „{ $name }“ на паузе. Включить снова можно кнопкой «⏰ Интервал напоминаний» в карточке.
btn-resume-reminders = 🔔 Вернуть напоминания
reminder-resumed = 🔔 Напоминания о „{ $name }“ снова включены.
reminder-not-active = Проект уже не в работе — напоминания не нужны.
digest-nudge = 💡 За неделю не появилось ни одной новой идеи. Может, запишем одну?
digest-review = 👀 За неделю новых идей: { $count }. Пора их просмотреть!
digest-stale-head = Давно не трогали:
btn-digest-add = 💡 Добавить идею
btn-digest-review = 👀 Посмотреть идеи
btn-digest-tomorrow = ⏰ Напомнить завтра
digest-snoozed = ⏰ Хорошо, напомню завтра { $when }.
btn-idea-activate = 🚀 { $name }
btn-idea-archive = 🗄 «{ $name }» в архив
btn-idea-snooze = 😴 Позже, через 4 недели
idea-archived = 🗄 Идея „{ $name }“ в архиве.
idea-snoozed = 😴 Идея „{ $name }“ вернётся в подборку { $when }.
`,
  en: `
reminder-project = ⏰ How is work on '{ $name }' going?
btn-snooze-hour = 😴 In an hour
btn-snooze-tomorrow = 🌙 Tomorrow
btn-snooze-week = 📅 Next week
btn-pause-reminders = 🔕 Pause reminders
reminder-snoozed = 😴 I'll remind you about '{ $name }' { $when }.
reminder-paused = 🔕 Reminders for '{ $name }' are paused. Turn them back on with "⏰ Reminder interval" on its card.
btn-resume-reminders = 🔔 Resume reminders
reminder-resumed = 🔔 Reminders for '{ $name }' are back on.
reminder-not-active = The project is no longer active, so it needs no reminders.
digest-nudge = 💡 No new idea this week. Shall we write one down?
digest-review = 👀 New ideas this week: { $count }. Time to review them!
digest-stale-head = Untouched for a while:
btn-digest-add = 💡 Add an idea
btn-digest-review = 👀 Review ideas
btn-digest-tomorrow = ⏰ Remind me tomorrow
digest-snoozed = ⏰ Fine, I'll remind you tomorrow, { $when }.
btn-idea-activate = 🚀 { $name }
btn-idea-archive = 🗄 Archive “{ $name }”
btn-idea-snooze = 😴 Later, in 4 weeks
idea-archived = 🗄 The idea '{ $name }' is archived.
idea-snoozed = 😴 The idea '{ $name }' comes back to the digest { $when }.
`,
};
