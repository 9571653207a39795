export const menuTexts = {
  ru: `
main-menu =
    👋 <b>Designflow Assistant</b>
    Ваш помощник по проектам: идеи, активная работа, архив, мудборды, тексты и PDF-карточки.
    Выберите раздел:
btn-projects = 🗂 Менеджер проектов
btn-automations = ✨ Автоматизации
btn-settings = ⚙️ Настройки
projects-menu = 🗂 <b>Менеджер проектов</b>
    Идеи → в работе → архив.
btn-new-idea = ➕ Добавить идею
btn-ideas = 💡 Идеи
btn-active = 🚀 В работе
btn-archive = 🗄 Архив
automations-menu = ✨ <b>Автоматизации</b>
    Генератор контента собирает PDF-карточку проекта по шаблону.
btn-generator = 📄 Генератор контента
btn-templates = 🧩 Шаблоны
help =
    <b>Что я умею</b>
    /start — главное меню
    /new — добавить идею
    /ideas — список идей
    /active — проекты в работе
    /archive — архив
    /find текст — поиск по проектам
    /generate — PDF-карточка проекта
    /templates — шаблоны PDF
    /settings — язык, часовой пояс, напоминания
    /sync — состояние синхронизации с Notion
    /export — выгрузка всех данных
    /cancel — выйти из любого сценария
    Интеграции: { $integrations }
integration-on = вкл.
integration-off = выкл.
cmd-start = Главное меню
cmd-help = Помощь
cmd-cancel = Отменить текущее действие
cmd-new = Добавить идею
cmd-ideas = Идеи
cmd-active = Проекты в работе
cmd-archive = Архив
cmd-templates = Шаблоны PDF
cmd-generate = Генератор контента
cmd-find = Поиск по проектам
cmd-settings = Настройки
cmd-sync = Синхронизация с Notion
cmd-export = Экспорт данных
`,
  en: `
main-menu =
    👋 <b>Designflow Assistant</b>
    Your project assistant: ideas, active work, archive, moodboards, texts and PDF cards.
    Choose a section:
btn-projects = 🗂 Project manager
btn-automations = ✨ Automations
btn-settings = ⚙️ Settings
projects-menu = 🗂 <b>Project manager</b>
    Ideas → active → archive.
btn-new-idea = ➕ Add idea
btn-ideas = 💡 Ideas
btn-active = 🚀 Active
btn-archive = 🗄 Archive
automations-menu = ✨ <b>Automations</b>
    The content generator builds a project's PDF card from a template.
btn-generator = 📄 Content generator
btn-templates = 🧩 Templates
help =
    <b>What I can do</b>
    /start — main menu
    /new — add an idea
    /ideas — ideas
    /active — active projects
    /archive — archive
    /find text — search projects
    /generate — a project's PDF card
    /templates — PDF templates
    /settings — language, time zone, reminders
    /sync — Notion sync status
    /export — export all data
    /cancel — leave any flow
    Integrations: { $integrations }
integration-on = on
integration-off = off
cmd-start = Main menu
cmd-help = Help
cmd-cancel = Cancel the current action
cmd-new = Add an idea
cmd-ideas = Ideas
cmd-active = Active projects
cmd-archive = Archive
cmd-templates = PDF templates
cmd-generate = Content generator
cmd-find = Search projects
cmd-settings = Settings
cmd-sync = Notion sync
cmd-export = Export data
`,
};
