export const reminderTexts = {
  ru: `
reminder-project = ⏰ Как продвигается работа над «{ $name }»?
reminder-deadline-soon = { $days ->
    [1] ⏳ Срок «{ $name }» — завтра, { $date }.
    [one] ⏳ До срока «{ $name }» { $days } день — { $date }.
    [few] ⏳ До срока «{ $name }» { $days } дня — { $date }.
   *[many] ⏳ До срока «{ $name }» { $days } дней — { $date }.
  }
reminder-deadline-today = ⏳ Сегодня срок «{ $name }» — { $date }.
reminder-deadline-overdue = 🔴 «{ $name }» просрочен на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
  } — срок был { $date }.
reminder-btn-deadline-new = 📅 Новый срок
reminder-btn-deadline-snooze = 😴 Через 3 дня
reminder-deadline-snoozed = 😴 Напомню о сроке «{ $name }» { $when }.
reminder-btn-snooze-hour = 😴 Через час
reminder-btn-snooze-tomorrow = 🌙 Завтра
reminder-btn-snooze-week = 📅 Через неделю
reminder-btn-pause-reminders = 🔕 Пауза
reminder-btn-card = 📇 Карточка
reminder-snoozed = 😴 Напомню о «{ $name }» { $when }.
reminder-paused = 🔕 Напоминания о «{ $name }» на паузе. Включить снова можно кнопкой «⏰ Напоминания» в карточке.
reminder-btn-resume-reminders = 🔔 Вернуть напоминания
reminder-resumed = 🔔 Напоминания о «{ $name }» снова включены.
reminder-not-active = Проект уже не в работе — напоминания не нужны.
reminder-digest-nudge = 💡 За неделю не появилось ни одной новой идеи. Может, запишем одну?
reminder-digest-review = 👀 За неделю новых идей: { $count }. Пора их просмотреть!
reminder-digest-stale-head = Давно не трогали:
reminder-digest-deadlines-head = ⏳ Сроки на этой неделе:
reminder-btn-digest-add = 💡 Добавить идею
reminder-btn-digest-review = 👀 Посмотреть идеи
reminder-btn-digest-tomorrow = ⏰ Напомнить завтра
reminder-digest-snoozed = ⏰ Хорошо, напомню { $when }.
reminder-btn-idea-activate = 🚀 { $name }
reminder-btn-idea-archive = 🗄 В архив
reminder-btn-idea-snooze = 😴 На 4 недели
reminder-idea-archived = 🗄 Идея «{ $name }» в архиве.
reminder-idea-snoozed = 😴 Идея «{ $name }» вернётся в подборку { $when }.
`,
  en: `
reminder-project = ⏰ How is work on “{ $name }” going?
reminder-deadline-soon = { $days ->
    [1] ⏳ “{ $name }” is due tomorrow, { $date }.
   *[other] ⏳ “{ $name }” is due in { $days } days, { $date }.
  }
reminder-deadline-today = ⏳ “{ $name }” is due today, { $date }.
reminder-deadline-overdue = 🔴 “{ $name }” is { $days ->
    [one] { $days } day
   *[other] { $days } days
  } overdue — it was due { $date }.
reminder-btn-deadline-new = 📅 New date
reminder-btn-deadline-snooze = 😴 In 3 days
reminder-deadline-snoozed = 😴 I will remind you about the deadline of “{ $name }” { $when }.
reminder-btn-snooze-hour = 😴 In an hour
reminder-btn-snooze-tomorrow = 🌙 Tomorrow
reminder-btn-snooze-week = 📅 Next week
reminder-btn-pause-reminders = 🔕 Pause
reminder-btn-card = 📇 Card
reminder-snoozed = 😴 I'll remind you about “{ $name }” { $when }.
reminder-paused = 🔕 Reminders for “{ $name }” are paused. Turn them back on with “⏰ Reminders” on its card.
reminder-btn-resume-reminders = 🔔 Resume reminders
reminder-resumed = 🔔 Reminders for “{ $name }” are back on.
reminder-not-active = The project is no longer active, so it needs no reminders.
reminder-digest-nudge = 💡 No new ideas this week. Shall we write one down?
reminder-digest-review = 👀 New ideas this week: { $count }. Time to review them!
reminder-digest-stale-head = Untouched for a while:
reminder-digest-deadlines-head = ⏳ Due this week:
reminder-btn-digest-add = 💡 Add an idea
reminder-btn-digest-review = 👀 Review ideas
reminder-btn-digest-tomorrow = ⏰ Remind me tomorrow
reminder-digest-snoozed = ⏰ Fine, I'll remind you { $when }.
reminder-btn-idea-activate = 🚀 { $name }
reminder-btn-idea-archive = 🗄 Archive
reminder-btn-idea-snooze = 😴 For 4 weeks
reminder-idea-archived = 🗄 The idea “{ $name }” is archived.
reminder-idea-snoozed = 😴 The idea “{ $name }” comes back to the digest { $when }.
`,
};
