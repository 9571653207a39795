export const projectTexts = {
  ru: `
project-status-idea = 💡 Идея
project-status-active = 🚀 В работе
project-status-archived = 🗄 Архив
project-reason-completed = завершён
project-reason-cancelled = отменён
project-list-title-idea = 💡 <b>Идеи</b>
project-list-title-active = 🚀 <b>Проекты в работе</b>
project-list-title-archived = 🗄 <b>Архив</b>
project-list-count = Всего: { $total } · стр. { $page } из { $pages }
project-list-empty = Здесь пока пусто.
project-interval-none = без напоминаний
project-interval-days = { $days ->
    [1] каждый день
    [7] раз в неделю
    [14] раз в 2 недели
    [30] раз в месяц
   *[other] каждые { $days } дн.
  }
project-card-status = Статус: { $status }
project-card-archived = Статус: 🗄 Архив ({ $reason })
project-card-created = Создан: { $date }
project-card-activated = В работе с { $date }
project-card-interval = Напоминания: { $interval }
project-card-deadline = ⏳ Срок: { $date }, { $left }
project-deadline-in = { $days ->
    [0] сегодня
    [1] завтра
    [one] через { $days } день
    [few] через { $days } дня
   *[many] через { $days } дней
  }
project-deadline-overdue = { $days ->
    [one] просрочен на { $days } день
    [few] просрочен на { $days } дня
   *[many] просрочен на { $days } дней
  }
project-card-no-description = <i>без описания</i>
project-notion-synced = Notion: ✅ синхронизирован
project-notion-pending = Notion: ⏳ скоро обновлю страницу
project-notion-failed = Notion: ⚠️ ошибка синхронизации (/sync)
project-btn-activate = 🚀 В работу
project-btn-edit = ✏️ Изменить
project-btn-delete = 🗑 Удалить
project-btn-complete = ✅ Завершить
project-btn-cancel-project = ⛔ Отменить проект
project-btn-interval = ⏰ Напоминания
project-btn-restore-idea = ↩️ В идеи
project-btn-restore-active = ↩️ В работу
project-btn-open-notion = 🔗 Открыть в Notion
project-btn-back-to-list = ⬅️ К списку
project-btn-prev = ◀
project-btn-next = ▶
project-btn-skip = ⏭ Пропустить
project-btn-interval-1 = Каждый день
project-btn-interval-7 = Раз в неделю
project-btn-interval-14 = Раз в 2 недели
project-btn-interval-30 = Раз в месяц
project-btn-interval-none = Не напоминать
project-btn-edit-name = Название
project-btn-edit-description = Описание
project-btn-edit-deadline = ⏳ Срок
project-btn-deadline-set = ⏳ Поставить срок
project-btn-deadline-change = ⏳ Изменить срок
project-btn-deadline-week = Через неделю
project-btn-deadline-two-weeks = Через 2 недели
project-btn-deadline-month = Через месяц
project-btn-deadline-none = Без срока
project-btn-deadline-other = 📅 Другая дата
project-deadline-offer = ⏳ Поставим срок «{ $name }»? Напомню за неделю, за 3 дня, накануне и в сам день.
project-deadline-skipped = Хорошо, без срока. Поставить его можно в карточке: «⏳ Поставить срок».
project-deadline-ask = ⏳ Какой срок у «{ $name }»?
    Напишите дату, как привыкли: «15 марта», «25.12», «в пятницу», «через 10 дней», «завтра 18:00» — или выберите ниже.
project-deadline-unknown = Не понял дату. Напишите, например, «15 марта», «25.12» или «через 2 недели».
project-deadline-past = Этот день уже прошёл. Напишите дату в будущем — например, «через неделю» или «25.12».
project-deadline-hint = Нужна дата текстом — например, «15 марта» — или кнопка ниже.
project-deadline-saved = ✅ Срок сохранён. { $deadline }
project-deadline-removed = ✅ Срок убран.
project-deadline-already = Этот срок уже сохранён.
project-deadlines-title = ⏳ <b>Сроки</b>
project-deadlines-empty = Сроков пока нет. Поставьте срок в карточке проекта: «⏳ Поставить срок».
project-deadlines-overdue = 🔴 <b>Просрочены</b>
project-deadlines-week = 📅 <b>Ближайшие 7 дней</b>
project-deadlines-later = 🗓 <b>Позже</b>
project-deadlines-idea = (идея)
project-calendar-name = Сроки проектов
project-calendar-event = ⏳ Срок: { $name }
project-calendar-alarm = Завтра срок: { $name }
project-calendar-caption = 📅 Сроки для календаря: { $count }. Откройте файл — Google Календарь и Apple Календарь добавят события с напоминанием накануне; новый файл обновит их, а не продублирует.
project-btn-confirm-delete = 🗑 Да, удалить
project-btn-keep = Нет, оставить
project-ask-interval = ⏰ Как часто напоминать о проекте «{ $name }»?
project-ask-delete = 🗑 Удалить «{ $name }» вместе с файлами? Страница в Notion уйдёт в корзину. Это нельзя отменить.
project-ask-edit-field = ✏️ Что изменить в «{ $name }»?
project-deleted = 🗑 Проект «{ $name }» удалён.
project-missing = Этого проекта больше нет.
project-changed = Проект уже изменился — вот актуальная карточка.
project-new-ask-name = 💡 <b>Новая идея</b>
    Как называется проект? (до 200 символов)
    Передумали — «✖️ Отмена» под любым шагом или /cancel.
project-new-ask-description = 📝 Опишите идею: что это, для кого, какие материалы. (до 3000 символов)
project-new-ask-photo = 🖼 Пришлите референс — фото или изображение файлом. Или пропустите.
project-name-empty = Название не может быть пустым. Пришлите название текстом.
project-name-too-long = Название длиннее 200 символов ({ $length }). Сократите, пожалуйста.
project-description-empty = Описание не может быть пустым. Пришлите текст.
project-description-too-long = Описание длиннее 3000 символов ({ $length }). Сократите, пожалуйста.
project-photo-expected = Нужна картинка: фото или изображение файлом — или кнопка «Пропустить».
project-idea-saved = ✅ Идея «{ $name }» сохранена.
project-idea-saved-notion = ✅ Идея «{ $name }» сохранена и добавлена в Notion.
project-idea-saved-pending = ✅ Идея «{ $name }» сохранена; в Notion добавлю чуть позже.
project-idea-saved-failed = ✅ Идея «{ $name }» сохранена, но в Notion пока не попала — подробности в /sync.
project-btn-open-card = 📇 Открыть карточку
project-btn-read-more = 📖 Читать полностью
project-btn-attachments = 📎 Вложения ({ $count })
project-attachments-head = 📎 <b>Вложения проекта «{ $name }»</b>: { $count }
project-attachments-notes = 📝 <b>Заметки</b>
project-attachments-end = ⬆️ Это всё, что прикреплено к проекту.
project-attachments-more = … и ещё { $count } { $count ->
    [one] вложение
    [few] вложения
   *[many] вложений
  } — за раз я отправляю не больше { $max } { $max ->
    [one] файла
   *[other] файлов
  }; все они есть в /export.
project-edit-ask-name = ✏️ Новое название для «{ $name }»:
project-edit-ask-description = ✏️ Новое описание для «{ $name }»:
`,
  en: `
project-status-idea = 💡 Idea
project-status-active = 🚀 Active
project-status-archived = 🗄 Archive
project-reason-completed = completed
project-reason-cancelled = cancelled
project-list-title-idea = 💡 <b>Ideas</b>
project-list-title-active = 🚀 <b>Active projects</b>
project-list-title-archived = 🗄 <b>Archive</b>
project-list-count = Total: { $total } · page { $page } of { $pages }
project-list-empty = Nothing here yet.
project-interval-none = no reminders
project-interval-days = { $days ->
    [1] every day
    [7] every week
    [14] every 2 weeks
    [30] every month
   *[other] every { $days } days
  }
project-card-status = Status: { $status }
project-card-archived = Status: 🗄 Archive ({ $reason })
project-card-created = Created: { $date }
project-card-activated = Active since: { $date }
project-card-interval = Reminders: { $interval }
project-card-deadline = ⏳ Deadline: { $date }, { $left }
project-deadline-in = { $days ->
    [0] today
    [1] tomorrow
    [one] in { $days } day
   *[other] in { $days } days
  }
project-deadline-overdue = { $days ->
    [one] { $days } day overdue
   *[other] { $days } days overdue
  }
project-card-no-description = <i>no description</i>
project-notion-synced = Notion: ✅ synced
project-notion-pending = Notion: ⏳ page update coming
project-notion-failed = Notion: ⚠️ sync failed (/sync)
project-btn-activate = 🚀 Activate
project-btn-edit = ✏️ Edit
project-btn-delete = 🗑 Delete
project-btn-complete = ✅ Complete
project-btn-cancel-project = ⛔ Cancel project
project-btn-interval = ⏰ Reminders
project-btn-restore-idea = ↩️ Back to ideas
project-btn-restore-active = ↩️ Back to active
project-btn-open-notion = 🔗 Open in Notion
project-btn-back-to-list = ⬅️ Back to list
project-btn-prev = ◀
project-btn-next = ▶
project-btn-skip = ⏭ Skip
project-btn-interval-1 = Every day
project-btn-interval-7 = Every week
project-btn-interval-14 = Every 2 weeks
project-btn-interval-30 = Every month
project-btn-interval-none = Never
project-btn-edit-name = Name
project-btn-edit-description = Description
project-btn-edit-deadline = ⏳ Deadline
project-btn-deadline-set = ⏳ Set a deadline
project-btn-deadline-change = ⏳ Change deadline
project-btn-deadline-week = In a week
project-btn-deadline-two-weeks = In 2 weeks
project-btn-deadline-month = In a month
project-btn-deadline-none = No deadline
project-btn-deadline-other = 📅 Another date
project-deadline-offer = ⏳ Set a deadline for “{ $name }”? I will remind you a week, 3 days and a day before, and on the day.
project-deadline-skipped = All right, no deadline. You can set one on the card: “⏳ Set a deadline”.
project-deadline-ask = ⏳ When is “{ $name }” due?
    Type a date as you would say it: “March 15”, “25.12”, “Friday”, “in 10 days”, “tomorrow 6pm” — or pick one below.
project-deadline-unknown = I could not read that date. Try “March 15”, “25.12” or “in 2 weeks”.
project-deadline-past = That day has passed. Please give a date ahead — for example “in a week” or “25.12”.
project-deadline-hint = Please type a date — for example “March 15” — or tap a button below.
project-deadline-saved = ✅ Deadline saved. { $deadline }
project-deadline-removed = ✅ Deadline removed.
project-deadline-already = This deadline is already saved.
project-deadlines-title = ⏳ <b>Deadlines</b>
project-deadlines-empty = No deadlines yet. Set one on a project card: “⏳ Set a deadline”.
project-deadlines-overdue = 🔴 <b>Overdue</b>
project-deadlines-week = 📅 <b>Next 7 days</b>
project-deadlines-later = 🗓 <b>Later</b>
project-deadlines-idea = (idea)
project-calendar-name = Project deadlines
project-calendar-event = ⏳ Due: { $name }
project-calendar-alarm = Due tomorrow: { $name }
project-calendar-caption = 📅 Deadlines for your calendar: { $count }. Open the file — Google Calendar and Apple Calendar add the events with an alarm the day before; a newer file updates them instead of adding copies.
project-btn-confirm-delete = 🗑 Yes, delete
project-btn-keep = No, keep it
project-ask-interval = ⏰ How often should I remind you about “{ $name }”?
project-ask-delete = 🗑 Delete “{ $name }” with its files? Its Notion page goes to the trash. This cannot be undone.
project-ask-edit-field = ✏️ What do you want to change in “{ $name }”?
project-deleted = 🗑 Project “{ $name }” deleted.
project-missing = This project no longer exists.
project-changed = The project was changed meanwhile — here is its current card.
project-new-ask-name = 💡 <b>New idea</b>
    What is the project called? (up to 200 characters)
    Changed your mind? “✖️ Cancel” under any step, or /cancel.
project-new-ask-description = 📝 Describe the idea: what it is, who it is for, materials. (up to 3000 characters)
project-new-ask-photo = 🖼 Send a reference — a photo or an image file. Or skip.
project-name-empty = The name cannot be empty. Please send the name as text.
project-name-too-long = The name is longer than 200 characters ({ $length }). Please shorten it.
project-description-empty = The description cannot be empty. Please send text.
project-description-too-long = The description is longer than 3000 characters ({ $length }). Please shorten it.
project-photo-expected = I need an image: a photo or an image file — or tap “Skip”.
project-idea-saved = ✅ Idea “{ $name }” saved.
project-idea-saved-notion = ✅ Idea “{ $name }” saved and added to Notion.
project-idea-saved-pending = ✅ Idea “{ $name }” saved; I will add it to Notion shortly.
project-idea-saved-failed = ✅ Idea “{ $name }” saved, but it is not in Notion yet — see /sync.
project-btn-open-card = 📇 Open card
project-btn-read-more = 📖 Read in full
project-btn-attachments = 📎 Attachments ({ $count })
project-attachments-head = 📎 <b>Attachments of “{ $name }”</b>: { $count }
project-attachments-notes = 📝 <b>Notes</b>
project-attachments-end = ⬆️ That is everything attached to the project.
project-attachments-more = … and { $count } more { $count ->
    [one] attachment
   *[other] attachments
  } — I send at most { $max } files at a time; all of them are in /export.
project-edit-ask-name = ✏️ New name for “{ $name }”:
project-edit-ask-description = ✏️ New description for “{ $name }”:
`,
};
