export const templateTexts = {
  ru: `
tpl-list-title = 🧩 <b>Шаблоны PDF</b>
tpl-list-builtin = Встроенный шаблон (A4) всегда доступен.
tpl-list-default = Основной: <b>{ $name }</b>
tpl-btn-add = ➕ Добавить шаблон
tpl-btn-builtin = 📄 Встроенный (A4)
tpl-card = 🧩 <b>{ $name }</b>{ $isDefault ->
    [yes] {" "}· ⭐ основной
   *[no] {""}
  }
  Файлов (картинки, шрифты): { $files }{ $zip ->
    [yes] {" "}· из ZIP
   *[no] {""}
  }
tpl-card-builtin = 📄 <b>Встроенный шаблон</b> (A4, кириллица){ $isDefault ->
    [yes] {" "}· ⭐ основной
   *[no] {""}
  }
tpl-btn-preview = 👁 Предпросмотр
tpl-btn-rename = ✏️ Переименовать
tpl-btn-replace = 📂 Заменить файлы
tpl-btn-default = ⭐ Сделать основным
tpl-btn-delete = 🗑 Удалить
tpl-btn-confirm-delete = 🗑 Да, удалить
tpl-btn-keep = Нет, оставить
tpl-btn-save = 💾 Сохранить
tpl-btn-discard = 🗑 Не сохранять
tpl-btn-skip-css = ⏭ Пропустить
tpl-confirm-delete = Удалить шаблон «{ $name }»? Это нельзя отменить.
tpl-deleted = 🗑 Шаблон «{ $name }» удалён.
tpl-default-set = ⭐ Теперь основной шаблон: «{ $name }».
tpl-missing = Этого шаблона больше нет.
tpl-ask-name = Как назовём шаблон? (до 60 символов)
tpl-ask-new-name = Новое название для «{ $name }»:
tpl-name-empty = Название не может быть пустым.
tpl-name-too-long = Название длиннее 60 символов ({ $length }).
tpl-name-taken = Шаблон «{ $name }» уже есть — выберите другое название.
tpl-renamed = ✏️ Переименован в «{ $name }».
tpl-ask-file = Пришлите файл шаблона: <b>.html</b> / <b>.htm</b> или <b>.zip</b> из плагина WeasyprintReady для Figma.
tpl-ask-css = Теперь файл стилей <b>.css</b> — или пропустите, если стили внутри HTML.
tpl-expect-file = Нужен файл документом: .html, .htm или .zip.
tpl-expect-css = Нужен файл .css документом — или кнопка «Пропустить».
tpl-checking = ⏳ Проверяю шаблон и делаю пробную вёрстку…
tpl-check-ok = ✅ Шаблон в порядке.
tpl-check-warnings = ⚠️ Шаблон работает, но есть замечания:
tpl-warn-unknown = • Переменные, которых бот не передаёт: { $names }
tpl-warn-unused = • Переменные бота, которые шаблон не использует: { $names }
tpl-warn-missing = • Нет файлов, на которые ссылается шаблон: { $names }
tpl-warn-external = • Внешние ссылки при вёрстке заблокированы: { $names }
tpl-warn-cyrillic = • В шрифтах нет кириллицы (или файла шрифта нет) — русский текст будет другим шрифтом: { $names }
tpl-warn-jinja = • Места, где шаблон напечатает не то же, что Jinja2:
tpl-warn-jinja-item = {"  "}– строка { $line }, столбец { $column }: <code>{ $construct }</code> — { $why }
tpl-warn-jinja-more = {"  "}– и ещё { $count } { $count ->
    [one] место
    [few] места
   *[many] мест
  }
tpl-jinja-approximate = может выглядеть не так, как в Jinja2
tpl-jinja-unsupported = здесь не поддерживается (в Jinja2 работает)
tpl-jinja-nunjucks-only = работает только здесь, в Jinja2 этого нет
tpl-jinja-unknown-filter = такого фильтра нет
tpl-jinja-unknown-test = такой проверки (is …) нет
tpl-jinja-unknown-method = такого метода нет у строк, списков и словарей
tpl-jinja-no-loader = шаблон не может подключать другие файлы
tpl-preview-caption = Пробная вёрстка «{ $name }» (стр. 1 из { $pages })
tpl-save-question = Сохранить шаблон «{ $name }»?
tpl-saved = 💾 Шаблон «{ $name }» сохранён.
tpl-replaced = 📂 Файлы шаблона «{ $name }» заменены.
tpl-discarded = Шаблон не сохранён.
tpl-expired = Загрузка устарела (бот перезапускался) — пришлите файлы ещё раз.
tpl-err-syntax = ❌ Ошибка в шаблоне{ $where }: { $message }
tpl-err-where = {" "}(строка { $line }, столбец { $column })
tpl-err-render = ❌ Сверстать не удалось: { $message }
tpl-err-timeout = ❌ Шаблон верстался дольше 30 секунд, и я его остановил (бесконечный или огромный цикл?).
tpl-err-too-large = ❌ Шаблон выдаёт слишком много данных (огромный цикл?) и был остановлен.
tpl-err-too-complex = ❌ В карточке слишком много элементов (элементов: { $count }, предел: { $max }): такую страницу браузер не соберёт в памяти бота.
tpl-err-image-pixels = ❌ Картинка { $path } — { $width }×{ $height } пикселей, больше { $mp } Мп: столько карточка не печатает. Уменьшите её.
tpl-err-browser = ❌ Браузер, который печатает карточки, не ответил. Попробуйте ещё раз через минуту; если не поможет — проверьте путь к браузеру в настройках бота: <code>PUPPETEER_EXECUTABLE_PATH</code>
tpl-err-crashed = ❌ Шаблон остановил движок вёрстки: он слишком тяжёлый или сломан. Упростите шаблон (меньше элементов и вложенных циклов) и пришлите снова.
tpl-still-checking = ⏳ Ещё проверяю предыдущий файл — подождите минуту.
tpl-err-download = ❌ Не удалось скачать файл из Telegram — попробуйте ещё раз.
tpl-err-file-too-large = ❌ Файл больше 20 МБ — Telegram не отдаёт боту такие файлы.
tpl-err-text-too-large = ❌ { $file } больше { $mb } МБ.
tpl-err-encoding = ❌ { $file } не в UTF-8 (и кодировка не указана в meta charset). Сохраните файл в UTF-8.
tpl-err-zip-path = ❌ В ZIP есть небезопасный путь: { $path }
tpl-err-zip-too-large = ❌ ZIP больше { $mb } МБ.
tpl-err-zip-entries = ❌ В ZIP слишком много файлов (предел: { $max }).
tpl-err-zip-unpacked = ❌ ZIP распаковывается больше чем в { $mb } МБ.
tpl-err-zip-lying = ❌ ZIP повреждён или подделан: { $path } распаковывается больше, чем указано в самом ZIP.
tpl-err-zip-broken = ❌ ZIP повреждён или не читается.
tpl-err-zip-no-html = ❌ В ZIP нет template.html (или другого .html в корне).
tpl-err-image-too-large = ❌ Картинка { $path } больше { $mb } МБ.
`,
  en: `
tpl-list-title = 🧩 <b>PDF templates</b>
tpl-list-builtin = The built-in template (A4) is always available.
tpl-list-default = Default: <b>{ $name }</b>
tpl-btn-add = ➕ Add template
tpl-btn-builtin = 📄 Built-in (A4)
tpl-card = 🧩 <b>{ $name }</b>{ $isDefault ->
    [yes] {" "}· ⭐ default
   *[no] {""}
  }
  Files (images, fonts): { $files }{ $zip ->
    [yes] {" "}· from ZIP
   *[no] {""}
  }
tpl-card-builtin = 📄 <b>Built-in template</b> (A4, Cyrillic){ $isDefault ->
    [yes] {" "}· ⭐ default
   *[no] {""}
  }
tpl-btn-preview = 👁 Preview
tpl-btn-rename = ✏️ Rename
tpl-btn-replace = 📂 Replace files
tpl-btn-default = ⭐ Make default
tpl-btn-delete = 🗑 Delete
tpl-btn-confirm-delete = 🗑 Yes, delete
tpl-btn-keep = No, keep it
tpl-btn-save = 💾 Save
tpl-btn-discard = 🗑 Don’t save
tpl-btn-skip-css = Skip (CSS inside HTML)
tpl-confirm-delete = Delete the template “{ $name }”? This cannot be undone.
tpl-deleted = 🗑 Template “{ $name }” deleted.
tpl-default-set = ⭐ Default is now “{ $name }”.
tpl-missing = This template no longer exists.
tpl-ask-name = What should the template be called? (up to 60 characters)
tpl-ask-new-name = New name for “{ $name }”:
tpl-name-empty = The name cannot be empty.
tpl-name-too-long = The name is longer than 60 characters ({ $length }).
tpl-name-taken = A template “{ $name }” already exists — choose another name.
tpl-renamed = ✏️ Renamed to “{ $name }”.
tpl-ask-file = Send the template file: <b>.html</b> / <b>.htm</b> or a <b>.zip</b> from the WeasyprintReady Figma plugin.
tpl-ask-css = Now the <b>.css</b> stylesheet — or skip if the styles are inside the HTML.
tpl-expect-file = Please send a file as a document: .html, .htm or .zip.
tpl-expect-css = Please send a .css file as a document — or tap “Skip”.
tpl-checking = ⏳ Checking the template and laying out a sample…
tpl-check-ok = ✅ The template looks fine.
tpl-check-warnings = ⚠️ The template works, with remarks:
tpl-warn-unknown = • Variables the bot does not provide: { $names }
tpl-warn-unused = • Bot variables the template ignores: { $names }
tpl-warn-missing = • Files the template references but are missing: { $names }
tpl-warn-external = • External links are blocked in the layout: { $names }
tpl-warn-cyrillic = • Fonts without Cyrillic (or missing font files) — Russian text will use another font: { $names }
tpl-warn-jinja = • Places where the template will not print what Jinja2 prints:
tpl-warn-jinja-item = {"  "}– line { $line }, column { $column }: <code>{ $construct }</code> — { $why }
tpl-warn-jinja-more = {"  "}– and { $count } more
tpl-jinja-approximate = may print differently from Jinja2
tpl-jinja-unsupported = not supported here (works in Jinja2)
tpl-jinja-nunjucks-only = works here only, Jinja2 has no such thing
tpl-jinja-unknown-filter = no such filter
tpl-jinja-unknown-test = no such test (is …)
tpl-jinja-unknown-method = no such method on strings, lists or dicts
tpl-jinja-no-loader = a template cannot include other files
tpl-preview-caption = Sample layout of “{ $name }” (page 1 of { $pages })
tpl-save-question = Save the template “{ $name }”?
tpl-saved = 💾 Template “{ $name }” saved.
tpl-replaced = 📂 Files of “{ $name }” replaced.
tpl-discarded = The template was not saved.
tpl-expired = The upload expired (the bot restarted) — please send the files again.
tpl-err-syntax = ❌ Template error{ $where }: { $message }
tpl-err-where = {" "}(line { $line }, column { $column })
tpl-err-render = ❌ The layout failed: { $message }
tpl-err-timeout = ❌ The template took longer than 30 seconds and was stopped (an endless or huge loop?).
tpl-err-too-large = ❌ The template produces too much output (a huge loop?) and was stopped.
tpl-err-too-complex = ❌ The card has { $count } elements, at most { $max } are allowed: Chromium cannot build such a page in the bot's memory.
tpl-err-image-pixels = ❌ The image { $path } is { $width }×{ $height } pixels, more than { $mp } MP: a card cannot print that much. Make it smaller.
tpl-err-browser = ❌ The browser that prints cards did not answer. Try again in a minute; if that does not help, check the browser path in the bot’s settings: <code>PUPPETEER_EXECUTABLE_PATH</code>
tpl-err-crashed = ❌ The template stopped the layout engine: it is too heavy or broken. Simplify it (fewer elements and nested loops) and send it again.
tpl-still-checking = ⏳ Still checking the previous file — please wait a minute.
tpl-err-download = ❌ Could not download the file from Telegram — please try again.
tpl-err-file-too-large = ❌ The file is larger than 20 MB — Telegram does not give such files to bots.
tpl-err-text-too-large = ❌ { $file } is larger than { $mb } MB.
tpl-err-encoding = ❌ { $file } is not UTF-8 (and no meta charset says otherwise). Save it as UTF-8.
tpl-err-zip-path = ❌ The ZIP contains an unsafe path: { $path }
tpl-err-zip-too-large = ❌ The ZIP is larger than { $mb } MB.
tpl-err-zip-entries = ❌ The ZIP has more than { $max } files.
tpl-err-zip-unpacked = ❌ The ZIP unpacks to more than { $mb } MB.
tpl-err-zip-lying = ❌ The ZIP is damaged or forged: { $path } unpacks to more than the archive itself says.
tpl-err-zip-broken = ❌ The ZIP is damaged or unreadable.
tpl-err-zip-no-html = ❌ The ZIP has no template.html (or another .html at its root).
tpl-err-image-too-large = ❌ The image { $path } is larger than { $mb } MB.
`,
};
