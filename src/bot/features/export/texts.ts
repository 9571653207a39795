export const exportTexts = {
  ru: `
export-progress = ⏳ Собираю архив со всеми данными…
export-caption = 📦 Все ваши данные на { $date }
    Проектов: { $projects } · файлов и заметок: { $assets } · шаблонов: { $templates } · копий файлов внутри: { $copied }
    Сохраните этот файл: из него бота можно восстановить целиком, например на новом сервере.
export-done = ✅ Архив готов — он ниже.
export-failed = ⚠️ Не удалось собрать или отправить архив. Попробуйте /export ещё раз через минуту; причина записана в журнал бота.
    Данные не пострадали; попробуйте /export ещё раз позже.
`,
  en: `
export-progress = ⏳ Building an archive of all data…
export-caption = 📦 All your data as of { $date }
    Projects: { $projects } · files and notes: { $assets } · templates: { $templates } · file copies inside: { $copied }
    Keep this file: the whole bot can be restored from it, on a new server for instance.
export-done = ✅ The archive is ready — see below.
export-failed = ⚠️ Could not build or send the archive. Try /export again in a minute; the reason is in the bot's log.
    Your data is unaffected; try /export again later.
`,
};
