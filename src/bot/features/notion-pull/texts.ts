export const notionPullTexts = {
  ru: `
np-changes-title = 🔗 <b>Изменения из Notion</b>
np-change-renamed = • «{ $old }» → «{ $new }»
np-changes-more = …и ещё { $count } { $count ->
    [one] проект изменён
    [few] проекта изменены
   *[many] проектов изменены
  } — они уже в боте: /ideas, /active и /archive.
np-change-status = • «{ $name }»: { $from } → { $to }
np-change-description = • «{ $name }»: новое описание — { $preview }
np-change-description-cleared = • «{ $name }»: описание очищено
np-change-deadline = • «{ $name }»: срок { $date }
np-change-deadline-cleared = • «{ $name }»: срок убран
np-offers-title = 📥 <b>Новые страницы в Notion</b>
np-offers-hint = Эти страницы не связаны ни с одним проектом. 📥 — импортировать как идею, 🙈 — больше не предлагать.
np-offer-line = • { $title }
np-btn-np-import = 📥 { $title }
np-btn-np-ignore = 🙈 Игнорировать
np-imported = ✅ Страница «{ $name }» импортирована как идея и связана с проектом.
np-ignored = 🙈 «{ $title }» больше не будет предлагаться.
np-importing = ⏳ Импортирую из Notion…
np-stale = Это предложение уже обработано.
np-gone = Страница уже в корзине Notion — импортировать нечего.
np-linked = Эта страница уже связана с проектом.
np-notion-error = ⚠️ Не удалось прочитать страницу из Notion ({ $detail }). Попробуйте ещё раз позже.
np-off = Notion не подключён.
np-untitled = Без названия
`,
  en: `
np-changes-title = 🔗 <b>Changes from Notion</b>
np-change-renamed = • “{ $old }” → “{ $new }”
np-changes-more = …and { $count } more — see /ideas, /active and /archive.
np-change-status = • “{ $name }”: { $from } → { $to }
np-change-description = • “{ $name }”: new description — { $preview }
np-change-description-cleared = • “{ $name }”: description cleared
np-change-deadline = • “{ $name }”: due { $date }
np-change-deadline-cleared = • “{ $name }”: deadline removed
np-offers-title = 📥 <b>New pages in Notion</b>
np-offers-hint = These pages are not linked to any project. 📥 imports one as an idea, 🙈 stops offering it.
np-offer-line = • { $title }
np-btn-np-import = 📥 { $title }
np-btn-np-ignore = 🙈 Ignore
np-imported = ✅ “{ $name }” was imported as an idea and linked to its Notion page.
np-ignored = 🙈 “{ $title }” will not be offered again.
np-importing = ⏳ Importing from Notion…
np-stale = This offer was already handled.
np-gone = The page is already in Notion's trash: nothing to import.
np-linked = This page is already linked to a project.
np-notion-error = ⚠️ Could not read the page from Notion ({ $detail }). Please try again later.
np-off = Notion is off.
np-untitled = Untitled
`,
};
