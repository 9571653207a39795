export const projectTexts = {
  ru: `
status-idea = 💡 Идея
status-active = 🚀 В работе
status-archived = 🗄 Архив
reason-completed = завершён
reason-cancelled = отменён
list-title-idea = 💡 <b>Идеи</b>
list-title-active = 🚀 <b>Проекты в работе</b>
list-title-archived = 🗄 <b>Архив</b>
list-count = Всего: { $total } · стр. { $page } из { $pages }
list-empty = Здесь пока пусто.
interval-none = без напоминаний
interval-days = { $days ->
    [1] каждый день
    [7] раз в неделю
    [14] раз в 2 недели
    [30] раз в месяц
   *[other] каждые { $days } дн.
  }
card-status = Статус: { $status }
card-archived = Статус: 🗄 Архив ({ $reason })
card-created = Создан: { $date }
card-activated = В работе с: { $date }
card-interval = Напоминания: { $interval }
card-no-description = <i>без описания</i>
notion-off = Notion: выкл. (задайте NOTION_API_KEY и NOTION_DB_ID)
notion-synced = Notion: ✅ синхронизирован
notion-pending = Notion: ⏳ синхронизация ожидает
notion-failed = Notion: ⚠️ ошибка синхронизации (/sync)
btn-activate = 🚀 В работу
btn-edit = ✏️ Изменить
btn-delete = 🗑 Удалить
btn-complete = ✅ Завершить
btn-cancel-project = ⛔ Отменить проект
btn-interval = ⏰ Интервал напоминаний
btn-restore-idea = ↩️ В идеи
btn-restore-active = ↩️ В работу
btn-open-notion = 🔗 Открыть в Notion
btn-back-to-list = ⬅️ К списку
btn-prev = ◀
btn-next = ▶
btn-skip = Пропустить ⏭
btn-interval-1 = Каждый день
btn-interval-7 = Раз в неделю
btn-interval-14 = Раз в 2 недели
btn-interval-30 = Раз в месяц
btn-interval-none = Не напоминать
btn-edit-name = Название
btn-edit-description = Описание
btn-confirm-delete = 🗑 Да, удалить
btn-keep = Нет, оставить
ask-interval = ⏰ Как часто напоминать о проекте «{ $name }»?
ask-delete = 🗑 Удалить «{ $name }» вместе с файлами? Страница в Notion уйдёт в корзину. Это нельзя отменить.
ask-edit-field = ✏️ Что изменить в «{ $name }»?
deleted = 🗑 Проект «{ $name }» удалён.
project-missing = Этого проекта больше нет.
project-changed = Проект уже изменился — вот актуальная карточка.
new-ask-name = 💡 <b>Новая идея</b>
    Как называется проект? (до 200 символов)
    Передумали — «✖️ Отмена» под любым шагом или /cancel.
new-ask-description = 📝 Опишите идею: что это, для кого, какие материалы. (до 3000 символов)
new-ask-photo = 🖼 Пришлите референс — фото или изображение файлом. Или пропустите.
name-empty = Название не может быть пустым. Пришлите название текстом.
name-too-long = Название длиннее 200 символов ({ $length }). Сократите, пожалуйста.
description-empty = Описание не может быть пустым. Пришлите текст.
description-too-long = Описание длиннее 3000 символов ({ $length }). Сократите, пожалуйста.
photo-expected = Нужна картинка: фото или изображение файлом — или кнопка «Пропустить».
idea-saved = ✅ Идея «{ $name }» сохранена.
idea-saved-notion = ✅ Идея «{ $name }» сохранена и добавлена в Notion.
idea-saved-pending = ✅ Идея «{ $name }» сохранена; синхронизация с Notion ожидает.
idea-saved-failed = ✅ Идея «{ $name }» сохранена; синхронизация с Notion не удалась — подробности в /sync.
btn-open-card = 📇 Открыть карточку
btn-read-more = 📖 Читать полностью
btn-attachments = 📎 Вложения ({ $count })
attachments-head = 📎 <b>Вложения проекта «{ $name }»</b>: { $count }
attachments-notes = 📝 <b>Заметки</b>
attachments-end = ⬆️ Это всё, что прикреплено к проекту.
attachments-more = … и ещё { $count } — не больше { $max } файлов за раз; остальное — в /export.
edit-ask-name = ✏️ Новое название для «{ $name }»:
edit-ask-description = ✏️ Новое описание для «{ $name }»:
`,
  en: `
status-idea = 💡 Idea
status-active = 🚀 Active
status-archived = 🗄 Archive
reason-completed = completed
reason-cancelled = cancelled
list-title-idea = 💡 <b>Ideas</b>
list-title-active = 🚀 <b>Active projects</b>
list-title-archived = 🗄 <b>Archive</b>
list-count = Total: { $total } · page { $page } of { $pages }
list-empty = Nothing here yet.
interval-none = no reminders
interval-days = { $days ->
    [1] every day
    [7] every week
    [14] every 2 weeks
    [30] every month
   *[other] every { $days } days
  }
card-status = Status: { $status }
card-archived = Status: 🗄 Archive ({ $reason })
card-created = Created: { $date }
card-activated = Active since: { $date }
card-interval = Reminders: { $interval }
card-no-description = <i>no description</i>
notion-off = Notion: off (set NOTION_API_KEY and NOTION_DB_ID)
notion-synced = Notion: ✅ synced
notion-pending = Notion: ⏳ sync pending
notion-failed = Notion: ⚠️ sync failed (/sync)
btn-activate = 🚀 Activate
btn-edit = ✏️ Edit
btn-delete = 🗑 Delete
btn-complete = ✅ Complete
btn-cancel-project = ⛔ Cancel project
btn-interval = ⏰ Reminder interval
btn-restore-idea = ↩️ Back to ideas
btn-restore-active = ↩️ Back to active
btn-open-notion = 🔗 Open in Notion
btn-back-to-list = ⬅️ Back to list
btn-prev = ◀
btn-next = ▶
btn-skip = Skip ⏭
btn-interval-1 = Every day
btn-interval-7 = Every week
btn-interval-14 = Every 2 weeks
btn-interval-30 = Every month
btn-interval-none = Never
btn-edit-name = Name
btn-edit-description = Description
btn-confirm-delete = 🗑 Yes, delete
btn-keep = No, keep it
ask-interval = ⏰ How often should I remind you about “{ $name }”?
ask-delete = 🗑 Delete “{ $name }” with its files? Its Notion page goes to the trash. This cannot be undone.
ask-edit-field = ✏️ What do you want to change in “{ $name }”?
deleted = 🗑 Project “{ $name }” deleted.
project-missing = This project no longer exists.
project-changed = The project was changed meanwhile — here is its current card.
new-ask-name = 💡 <b>New idea</b>
    What is the project called? (up to 200 characters)
    Changed your mind? “✖️ Cancel” under any step, or /cancel.
new-ask-description = 📝 Describe the idea: what it is, who it is for, materials. (up to 3000 characters)
new-ask-photo = 🖼 Send a reference — a photo or an image file. Or skip.
name-empty = The name cannot be empty. Please send the name as text.
name-too-long = The name is longer than 200 characters ({ $length }). Please shorten it.
description-empty = The description cannot be empty. Please send text.
description-too-long = The description is longer than 3000 characters ({ $length }). Please shorten it.
photo-expected = I need an image: a photo or an image file — or tap “Skip”.
idea-saved = ✅ Idea “{ $name }” saved.
idea-saved-notion = ✅ Idea “{ $name }” saved and added to Notion.
idea-saved-pending = ✅ Idea “{ $name }” saved; Notion sync pending.
idea-saved-failed = ✅ Idea “{ $name }” saved; Notion sync failed — see /sync.
btn-open-card = 📇 Open card
btn-read-more = 📖 Read in full
btn-attachments = 📎 Attachments ({ $count })
attachments-head = 📎 <b>Attachments of “{ $name }”</b>: { $count }
attachments-notes = 📝 <b>Notes</b>
attachments-end = ⬆️ That is everything attached to the project.
attachments-more = … and { $count } more — at most { $max } files at a time; everything is in /export.
edit-ask-name = ✏️ New name for “{ $name }”:
edit-ask-description = ✏️ New description for “{ $name }”:
`,
};
