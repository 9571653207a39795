export const attachTexts = {
  ru: `
attach-kind-final_render = рендер
attach-kind-image_file = изображение (файлом)
attach-kind-pdf = PDF
attach-kind-note = заметка
attach-done = 📎 Добавлено к проекту «{ $name }»: { $kind }.
attach-done-notion = Добавлю на страницу проекта в Notion.
attach-missing = Этого проекта больше нет — прикрепить некуда.
attach-unsupported = К проекту можно прикрепить фото, изображение файлом, PDF или текст. Ответьте на карточку одним из них.
attach-ambiguous = В этом сообщении несколько проектов. Откройте карточку нужного проекта и ответьте на неё.
attach-notion-note = 📝 { $text }
attach-notion-file-final_render = 📎 Рендер{ $file } добавлен { $date } — файл хранится в Telegram-боте.
attach-notion-file-image_file = 📎 Изображение{ $file } добавлено { $date } — файл хранится в Telegram-боте.
attach-notion-file-pdf = 📎 PDF{ $file } добавлен { $date } — файл хранится в Telegram-боте.
attach-notion-caption = Подпись: { $caption }
`,
  en: `
attach-kind-final_render = render
attach-kind-image_file = image (as a file)
attach-kind-pdf = PDF
attach-kind-note = note
attach-done = 📎 Added to “{ $name }”: { $kind }.
attach-done-notion = I will add it to the project's Notion page.
attach-missing = This project no longer exists — there is nothing to attach to.
attach-unsupported = A project can take a photo, an image file, a PDF or text. Reply to its card with one of them.
attach-ambiguous = This message shows several projects. Open the card of the one you mean and reply to it.
attach-notion-note = 📝 { $text }
attach-notion-file-final_render = 📎 Render{ $file } added { $date } — the file is kept in the Telegram bot.
attach-notion-file-image_file = 📎 Image{ $file } added { $date } — the file is kept in the Telegram bot.
attach-notion-file-pdf = 📎 PDF{ $file } added { $date } — the file is kept in the Telegram bot.
attach-notion-caption = Caption: { $caption }
`,
};
