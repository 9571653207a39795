export const exportTexts = {
  ru: `
export-progress = ⏳ Собираю резервную копию всех данных…
export-caption = 📦 Все ваши данные на { $date }
    Проектов: { $projects } · файлов и заметок: { $assets } · шаблонов: { $templates } · копий файлов внутри: { $copied }
    Сохраните этот файл: из него бота можно восстановить целиком, например на новом сервере.
export-done = ✅ Резервная копия готова — она ниже.
export-failed = ⚠️ Не удалось собрать или отправить резервную копию. Данные не пострадали — попробуйте /export ещё раз через минуту; причина записана в журнал бота.
`,
  en: `
export-progress = ⏳ Making a backup of all your data…
export-caption = 📦 All your data as of { $date }
    Projects: { $projects } · files and notes: { $assets } · templates: { $templates } · file copies inside: { $copied }
    Keep this file: the whole bot can be restored from it, on a new server for instance.
export-done = ✅ The backup is ready — see below.
export-failed = ⚠️ Could not make or send the backup. Your data is unaffected — try /export again in a minute; the reason is in the bot's log.
`,
};
