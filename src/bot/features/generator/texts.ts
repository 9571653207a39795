export const generatorTexts = {
  ru: `
gen-title = ✨ <b>Генератор контента</b>
gen-pick-project = Выберите проект из архива — или введите проект, которого нет в боте.
gen-no-archived = В архиве пока нет проектов. Введите проект вручную — название и описание.
gen-btn-manual = ✍️ Ввести вручную
gen-btn-card = 📄 PDF-карточка и пост
gen-ask-name = ✍️ Как называется проект?
gen-ask-description = Опишите идею проекта в 1–3 предложениях.
gen-name-empty = Название не может быть пустым. Как называется проект?
gen-name-too-long = Название длиннее { $max } символов ({ $length }). Сократите, пожалуйста.
gen-description-empty = Описание не может быть пустым. Опишите идею проекта.
gen-text-too-long = Текст длиннее { $max } символов ({ $length }). Сократите, пожалуйста.
gen-project-missing = Этого проекта больше нет. Выберите другой.
gen-pick-template = Проект: <b>{ $name }</b>
    Выберите шаблон карточки:
gen-template-builtin = 📄 Встроенный (A4)
gen-ask-renders = 🖼 Пришлите финальные рендеры: от 1 до { $max } фото или файлов-картинок (можно альбомом). Затем нажмите «Готово».
gen-renders-count = 🖼 Получено рендеров: { $count } из { $max }. Пришлите ещё или нажмите «Готово».
gen-btn-done = ✅ Готово
gen-renders-none = Сначала пришлите хотя бы один рендер.
gen-renders-too-many = ⚠️ Можно не больше { $max } рендеров — этот пропущен. Нажмите «Готово» или /cancel.
gen-renders-not-image = ⚠️ Это не картинка. Пришлите рендер как фото или файл JPG/PNG/WebP.
gen-renders-too-large = ⚠️ Файл больше 20 МБ — Telegram не даст боту его скачать. Пришлите поменьше.
gen-ask-draft = 📝 Расскажите о реализации: материалы, технологии, функция. Черновика достаточно — из него получатся описание для карточки и пост.
gen-draft-empty = Текст не может быть пустым. Расскажите о реализации проекта.
gen-gemini-off = ℹ️ Gemini выключен (нет LLM_API_KEY): в карточку и пост идёт ваш черновик как есть.
gen-progress-texts = ✍️ Пишу тексты…
gen-progress-render = 🖨 Верстаю карточку…
gen-progress-upload = 📤 Отправляю PDF…
gen-texts-failed = { $reason }
    Можно повторить или взять ваш черновик как есть.
gen-btn-retry = 🔄 Повторить
gen-btn-use-draft = 📝 Взять черновик
gen-render-failed = ❌ Не удалось сверстать карточку: { $reason }
    Выберите другой шаблон или повторите.
gen-download-failed = ❌ Не удалось скачать рендер из Telegram. Пришлите рендеры ещё раз.
gen-preview-caption = 👀 Первая страница карточки «{ $name }» (шаблон: { $template }, страниц: { $pages }).
gen-btn-ok = ✅ Отлично → PDF
gen-btn-regenerate = 🔄 Тексты заново
gen-btn-edit = ✏️ Править текст
gen-btn-other-template = 🎨 Другой шаблон
gen-regenerate-off = Без Gemini (LLM_API_KEY) тексты не перегенерировать — используйте «Править текст».
gen-edit-which = Какой текст поправить?
gen-btn-edit-card = 📄 Описание в карточке
gen-btn-edit-social = 📱 Пост для соцсетей
gen-edit-current = Сейчас так (скопируйте и пришлите исправленный вариант):
gen-ask-save-project = Сохранить «{ $name }» в бота как новый проект в архиве (с PDF, текстами и рендерами)?
gen-btn-save-yes = 💾 Сохранить
gen-btn-save-no = Не сохранять
gen-social-title = 📱 Пост для соцсетей (нажмите, чтобы скопировать):
gen-done = ✅ Готово: карточка «{ $name }» отправлена.
gen-social-title = 📣 <b>Пост для соцсетей — «{ $name }»</b>
gen-saved = 💾 PDF, тексты и рендеры сохранены в проекте.
gen-saved-new = 💾 Проект «{ $name }» сохранён в архив вместе с PDF, текстами и рендерами.
gen-not-saved = Проект не сохранён в боте.
gen-upload-failed = ⚠️ Не удалось отправить PDF в Telegram. Нажмите «Отлично → PDF» ещё раз.
`,
  en: `
gen-title = ✨ <b>Content generator</b>
gen-pick-project = Choose an archived project — or enter one that is not in the bot.
gen-no-archived = There are no archived projects yet. Enter a project manually — a name and a description.
gen-btn-manual = ✍️ Enter manually
gen-btn-card = 📄 PDF card and post
gen-ask-name = ✍️ What is the project called?
gen-ask-description = Describe the project's idea in 1–3 sentences.
gen-name-empty = The name cannot be empty. What is the project called?
gen-name-too-long = The name is longer than { $max } characters ({ $length }). Please shorten it.
gen-description-empty = The description cannot be empty. Please describe the idea.
gen-text-too-long = The text is longer than { $max } characters ({ $length }). Please shorten it.
gen-project-missing = This project no longer exists. Choose another one.
gen-pick-template = Project: <b>{ $name }</b>
    Choose a card template:
gen-template-builtin = 📄 Built-in (A4)
gen-ask-renders = 🖼 Send the final renders: 1 to { $max } photos or image files (albums are fine). Then tap “Done”.
gen-renders-count = 🖼 Renders received: { $count } of { $max }. Send more or tap “Done”.
gen-btn-done = ✅ Done
gen-renders-none = Please send at least one render first.
gen-renders-too-many = ⚠️ At most { $max } renders — this one was skipped. Tap “Done” or /cancel.
gen-renders-not-image = ⚠️ This is not an image. Send the render as a photo or a JPG/PNG/WebP file.
gen-renders-too-large = ⚠️ The file is over 20 MB — Telegram won't let the bot download it. Please send a smaller one.
gen-ask-draft = 📝 Tell me about the implementation: materials, technology, function. A rough draft is enough — the card description and the post are made from it.
gen-draft-empty = The text cannot be empty. Tell me about the implementation.
gen-gemini-off = ℹ️ Gemini is off (no LLM_API_KEY): your draft goes into the card and the post as is.
gen-progress-texts = ✍️ Writing the texts…
gen-progress-render = 🖨 Laying out the card…
gen-progress-upload = 📤 Sending the PDF…
gen-texts-failed = { $reason }
    You can retry or use your draft as is.
gen-btn-retry = 🔄 Retry
gen-btn-use-draft = 📝 Use my draft
gen-render-failed = ❌ The card could not be laid out: { $reason }
    Choose another template or retry.
gen-download-failed = ❌ Could not download a render from Telegram. Please send the renders again.
gen-preview-caption = 👀 Page 1 of the card “{ $name }” (template: { $template }, pages: { $pages }).
gen-btn-ok = ✅ Looks good → PDF
gen-btn-regenerate = 🔄 Regenerate texts
gen-btn-edit = ✏️ Edit text
gen-btn-other-template = 🎨 Other template
gen-regenerate-off = Without Gemini (LLM_API_KEY) the texts cannot be regenerated — use “Edit text”.
gen-edit-which = Which text should be changed?
gen-btn-edit-card = 📄 Card description
gen-btn-edit-social = 📱 Social post
gen-edit-current = Currently (copy it and send the corrected version):
gen-ask-save-project = Save “{ $name }” in the bot as a new archived project (with the PDF, texts and renders)?
gen-btn-save-yes = 💾 Save
gen-btn-save-no = Don't save
gen-social-title = 📱 Social post (tap to copy):
gen-done = ✅ Done: the card “{ $name }” was sent.
gen-social-title = 📣 <b>Social post — “{ $name }”</b>
gen-saved = 💾 PDF, texts and renders saved to the project.
gen-saved-new = 💾 Project “{ $name }” saved to the archive with the PDF, texts and renders.
gen-not-saved = The project was not saved in the bot.
gen-upload-failed = ⚠️ The PDF could not be sent to Telegram. Tap “Looks good → PDF” again.
`,
};
