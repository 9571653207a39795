export const menuTexts = {
  ru: `
menu-main-menu =
    👋 <b>Designflow Assistant</b>
    Ваш помощник по проектам: идеи, активная работа, архив, мудборды, тексты и PDF-карточки.
    Выберите раздел:
menu-btn-projects = 🗂 Проекты
menu-btn-automations = 📄 PDF-карточки
menu-btn-settings = ⚙️ Настройки
menu-projects-menu = 🗂 <b>Проекты</b>
    Идеи → в работе → архив.
menu-btn-new-idea = ➕ Добавить идею
menu-btn-ideas = 💡 Идеи
menu-btn-active = 🚀 В работе
menu-btn-archive = 🗄 Архив
menu-btn-deadlines = ⏳ Сроки
menu-automations-menu = 📄 <b>PDF-карточки</b>
    Соберу PDF-карточку проекта по вашему шаблону.
menu-btn-generator = 📄 Новая карточка
menu-btn-templates = 🧩 Шаблоны
menu-help =
    <b>Что я умею</b>
    /start — главное меню
    /new — добавить идею
    /ideas — список идей
    /active — проекты в работе
    /archive — архив
    /due — сроки проектов
    /calendar — сроки файлом для календаря
    /find текст — поиск по проектам
    /generate — PDF-карточка проекта
    /templates — шаблоны PDF
    /settings — язык, часовой пояс, напоминания
    /sync — состояние синхронизации с Notion
    /export — резервная копия всех данных
    /cancel — прервать текущее действие
    Интеграции: { $integrations }
menu-integration-on = вкл.
menu-integration-off = выкл.
menu-cmd-start = Главное меню
menu-cmd-help = Помощь
menu-cmd-cancel = Отменить текущее действие
menu-cmd-new = Добавить идею
menu-cmd-ideas = Идеи
menu-cmd-active = Проекты в работе
menu-cmd-archive = Архив
menu-cmd-due = Сроки проектов
menu-cmd-calendar = Сроки в календарь (.ics)
menu-cmd-templates = Шаблоны PDF
menu-cmd-generate = PDF-карточка проекта
menu-cmd-find = Поиск по проектам
menu-cmd-settings = Настройки
menu-cmd-sync = Синхронизация с Notion
menu-cmd-export = Резервная копия данных
`,
  en: `
menu-main-menu =
    👋 <b>Designflow Assistant</b>
    Your project assistant: ideas, active work, archive, moodboards, texts and PDF cards.
    Choose a section:
menu-btn-projects = 🗂 Projects
menu-btn-automations = 📄 PDF cards
menu-btn-settings = ⚙️ Settings
menu-projects-menu = 🗂 <b>Project manager</b>
    Ideas → active → archive.
menu-btn-new-idea = ➕ Add idea
menu-btn-ideas = 💡 Ideas
menu-btn-active = 🚀 Active
menu-btn-archive = 🗄 Archive
menu-btn-deadlines = ⏳ Deadlines
menu-automations-menu = 📄 <b>PDF cards</b>
    I make a project's PDF card from your template.
menu-btn-generator = 📄 New card
menu-btn-templates = 🧩 Templates
menu-help =
    <b>What I can do</b>
    /start — main menu
    /new — add an idea
    /ideas — ideas
    /active — active projects
    /archive — archive
    /due — project deadlines
    /calendar — deadlines as a calendar file
    /find text — search projects
    /generate — a project's PDF card
    /templates — PDF templates
    /settings — language, time zone, reminders
    /sync — Notion sync status
    /export — export all data
    /cancel — stop what is in progress
    Integrations: { $integrations }
menu-integration-on = on
menu-integration-off = off
menu-cmd-start = Main menu
menu-cmd-help = Help
menu-cmd-cancel = Cancel the current action
menu-cmd-new = Add an idea
menu-cmd-ideas = Ideas
menu-cmd-active = Active projects
menu-cmd-archive = Archive
menu-cmd-due = Project deadlines
menu-cmd-calendar = Deadlines for your calendar (.ics)
menu-cmd-templates = PDF templates
menu-cmd-generate = A project's PDF card
menu-cmd-find = Search projects
menu-cmd-settings = Settings
menu-cmd-sync = Notion sync
menu-cmd-export = Export data
`,
};
