export const findTexts = {
  ru: `
find-ask = 🔎 Что ищем? Пришлите слово или часть названия/описания проекта.
find-empty = Пустой запрос. Пришлите текст для поиска.
find-too-long = Запрос длиннее 200 символов ({ $length }). Сократите, пожалуйста.
find-nothing = 🔎 По запросу «{ $query }» ничего не нашлось.
    Подсказка: ищу по названиям и описаниям без учёта регистра — попробуйте часть слова (например, «ламп» вместо «лампы»).
find-results = 🔎 Найдено по запросу «{ $query }»: { $total }
find-results-more = Показано: { $shown } — уточните запрос, чтобы увидеть остальные.
find-in-description = (в описании)
find-btn-find-again = 🔎 Новый поиск
`,
  en: `
find-ask = 🔎 What are you looking for? Send a word or part of a project's name or description.
find-empty = The query is empty. Please send text to search for.
find-too-long = The query is longer than 200 characters ({ $length }). Please shorten it.
find-nothing = 🔎 Nothing found for “{ $query }”.
    Hint: I search names and descriptions, ignoring case — try part of a word (e.g. “lamp” instead of “lamps”).
find-results = 🔎 Results for “{ $query }”: { $total }
find-results-more = Showing the first { $shown } — refine the query to see the rest.
find-in-description = (in the description)
find-btn-find-again = 🔎 New search
`,
};
