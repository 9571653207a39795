export const exportTexts = {
  ru: `
export-progress = ⏳ Собираю архив со всеми данными…
export-caption = 📦 Выгрузка от { $date }
    Проектов: { $projects } · файлов и заметок: { $assets } · шаблонов: { $templates }
    Восстановить в пустую базу: <code>npm run import -- { $file }</code>
export-done = ✅ Архив готов — он ниже.
export-failed = ⚠️ Не удалось собрать или отправить архив: { $error }
    Данные не пострадали; попробуйте /export ещё раз позже.
`,
  en: `
export-progress = ⏳ Building an archive of all data…
export-caption = 📦 Export of { $date }
    Projects: { $projects } · files and notes: { $assets } · templates: { $templates }
    Restore into an empty database: <code>npm run import -- { $file }</code>
export-done = ✅ The archive is ready — see below.
export-failed = ⚠️ Could not build or send the archive: { $error }
    Your data is unaffected; try /export again later.
`,
};
