export const syncTexts = {
  ru: `
sync-title = 🔄 <b>Синхронизация с Notion</b>
sync-off = Notion выключен. Чтобы включить, задайте NOTION_API_KEY и NOTION_DB_ID (база должна быть доступна интеграции).
sync-empty = ✅ Очередь пуста: всё синхронизировано.
sync-job = • { $project } — { $kind }, { $state }, попыток: { $attempts }{ $error }
sync-kind-upsert = обновление страницы
sync-kind-trash = в корзину
sync-kind-image = мудборд на страницу
sync-state-pending = ожидает
sync-state-failed = ❌ ошибка
sync-deleted-project = (удалённый проект)
sync-error-unauthorized = Notion не принял ключ: проверьте NOTION_API_KEY.
sync-error-not_shared = Notion не видит базу: откройте её → ••• → Подключения → добавьте интеграцию.
sync-error-validation = Notion отклонил данные: проверьте названия и типы колонок (NOTION_TITLE_PROPERTY_NAME, NOTION_STATUS_PROPERTY_NAME).
sync-error-rate_limited = Notion просит подождать: повторю сам.
sync-error-unreachable = Notion недоступен или не ответил вовремя: повторю сам.
sync-error-other = Notion вернул ошибку; подробности — в журнале бота.
sync-btn-retry-now = 🔁 Повторить сейчас
sync-retrying = Повторяю { $count } задач(и)…
sync-notion-problem-unauthorized = ⚠️ Notion отклонил ключ (401). Проверьте NOTION_API_KEY. Изменения сохранены в боте; после исправления нажмите «Повторить» в /sync.
sync-notion-problem-not_shared = ⚠️ Notion не видит базу. Откройте базу в Notion → ••• → Connections и добавьте интеграцию. Изменения сохранены; затем /sync → «Повторить».
sync-notion-problem-bad_property = ⚠️ В базе Notion нет подходящей колонки «{ $property }» (нет такой или не того типа). Проверьте NOTION_TITLE_PROPERTY_NAME и NOTION_STATUS_PROPERTY_NAME. Изменения сохранены; затем /sync → «Повторить».
sync-notion-problem-validation = ⚠️ Notion отклонил изменение: данные не прошли его проверку (подробности — в журнале бота). Изменения сохранены в боте; /sync покажет очередь.
`,
  en: `
sync-title = 🔄 <b>Notion sync</b>
sync-off = Notion is off. To enable it, set NOTION_API_KEY and NOTION_DB_ID (share the database with the integration).
sync-empty = ✅ The queue is empty: everything is synced.
sync-job = • { $project } — { $kind }, { $state }, attempts: { $attempts }{ $error }
sync-kind-upsert = page update
sync-kind-trash = to trash
sync-kind-image = moodboard to the page
sync-state-pending = pending
sync-state-failed = ❌ failed
sync-deleted-project = (deleted project)
sync-error-unauthorized = Notion rejected the key: check NOTION_API_KEY.
sync-error-not_shared = Notion cannot see the database: open it → ••• → Connections → add the integration.
sync-error-validation = Notion refused the data: check the column names and types (NOTION_TITLE_PROPERTY_NAME, NOTION_STATUS_PROPERTY_NAME).
sync-error-rate_limited = Notion asks to slow down: I will retry.
sync-error-unreachable = Notion is unreachable or did not answer in time: I will retry.
sync-error-other = Notion returned an error; the bot's log has the details.
sync-btn-retry-now = 🔁 Retry now
sync-retrying = Retrying { $count } job(s)…
sync-notion-problem-unauthorized = ⚠️ Notion rejected the key (401). Check NOTION_API_KEY. Changes are kept in the bot; after fixing it tap “Retry now” in /sync.
sync-notion-problem-not_shared = ⚠️ Notion cannot see the database. In Notion open the database → ••• → Connections and add the integration. Changes are kept; then /sync → “Retry now”.
sync-notion-problem-bad_property = ⚠️ The Notion database has no suitable column “{ $property }” (missing or of another type). Check NOTION_TITLE_PROPERTY_NAME and NOTION_STATUS_PROPERTY_NAME. Changes are kept; then /sync → “Retry now”.
sync-notion-problem-validation = ⚠️ Notion refused the change: the data did not pass its checks (the bot's log has the details). Changes are kept in the bot; /sync shows the queue.
`,
};
