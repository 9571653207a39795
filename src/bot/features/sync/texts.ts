export const syncTexts = {
  ru: `
sync-title = 🔗 <b>Синхронизация с Notion</b>
sync-off = Notion не подключён. Чтобы подключить, добавьте ключ интеграции и базу в настройки бота (базу нужно открыть интеграции): <code>NOTION_API_KEY</code>, <code>NOTION_DB_ID</code>
sync-empty = ✅ Очередь пуста: всё синхронизировано.
sync-job = • { $project } — { $kind }, { $state }, попыток: { $attempts }{ $error }
sync-kind-upsert = обновление страницы
sync-kind-trash = в корзину
sync-kind-image = мудборд на страницу
sync-state-pending = ожидает
sync-state-failed = ❌ ошибка
sync-deleted-project = (удалённый проект)
sync-error-unauthorized = Notion не принял ключ: проверьте его в настройках бота, <code>NOTION_API_KEY</code>.
sync-error-not_shared = Notion не видит базу: откройте её → ••• → Подключения → добавьте интеграцию.
sync-error-validation = Notion отклонил данные: проверьте названия и типы колонок базы в настройках бота, <code>NOTION_TITLE_PROPERTY_NAME</code>, <code>NOTION_STATUS_PROPERTY_NAME</code>.
sync-error-rate_limited = Notion просит подождать: повторю сам.
sync-error-unreachable = Notion недоступен или не ответил вовремя: повторю сам.
sync-error-other = Notion вернул ошибку; подробности — в журнале бота.
sync-btn-retry-now = 🔁 Повторить
sync-retrying = Отправляю в Notion ещё раз: { $count ->
    [one] { $count } изменение
    [few] { $count } изменения
   *[many] { $count } изменений
  }…
sync-notion-problem-unauthorized = ⚠️ Notion не принял ключ. Изменения сохранены в боте; проверьте ключ в настройках бота и нажмите «🔁 Повторить» в /sync. Ключ: <code>NOTION_API_KEY</code>
sync-notion-problem-not_shared = ⚠️ Notion не видит базу. Откройте базу в Notion → ••• → Подключения и добавьте интеграцию. Изменения сохранены; затем /sync → «🔁 Повторить».
sync-notion-problem-bad_property = ⚠️ В базе Notion нет подходящей колонки «{ $property }» (нет такой или не того типа). Изменения сохранены; поправьте названия колонок в настройках бота, затем /sync → «🔁 Повторить». Настройки: <code>NOTION_TITLE_PROPERTY_NAME</code>, <code>NOTION_STATUS_PROPERTY_NAME</code>
sync-notion-problem-validation = ⚠️ Notion отклонил изменение: данные не прошли его проверку (подробности — в журнале бота). Изменения сохранены в боте; /sync покажет очередь.
`,
  en: `
sync-title = 🔗 <b>Notion sync</b>
sync-off = Notion is not connected. To connect it, add the integration key and the database to the bot’s settings (share the database with the integration): <code>NOTION_API_KEY</code>, <code>NOTION_DB_ID</code>
sync-empty = ✅ The queue is empty: everything is synced.
sync-job = • { $project } — { $kind }, { $state }, attempts: { $attempts }{ $error }
sync-kind-upsert = page update
sync-kind-trash = to trash
sync-kind-image = moodboard to the page
sync-state-pending = pending
sync-state-failed = ❌ failed
sync-deleted-project = (deleted project)
sync-error-unauthorized = Notion did not accept the key: check it in the bot’s settings, <code>NOTION_API_KEY</code>.
sync-error-not_shared = Notion cannot see the database: open it → ••• → Connections → add the integration.
sync-error-validation = Notion refused the data: check the database’s column names and types in the bot’s settings, <code>NOTION_TITLE_PROPERTY_NAME</code>, <code>NOTION_STATUS_PROPERTY_NAME</code>.
sync-error-rate_limited = Notion asks to slow down: I will retry.
sync-error-unreachable = Notion is unreachable or did not answer in time: I will retry.
sync-error-other = Notion returned an error; the bot's log has the details.
sync-btn-retry-now = 🔁 Retry
sync-retrying = Sending to Notion again: { $count ->
    [one] { $count } change
   *[other] { $count } changes
  }…
sync-notion-problem-unauthorized = ⚠️ Notion did not accept the key. Changes are kept in the bot; check the key in the bot’s settings, then tap “🔁 Retry” in /sync. Key: <code>NOTION_API_KEY</code>
sync-notion-problem-not_shared = ⚠️ Notion cannot see the database. In Notion open the database → ••• → Connections and add the integration. Changes are kept; then /sync → “🔁 Retry”.
sync-notion-problem-bad_property = ⚠️ The Notion database has no suitable column “{ $property }” (missing or of another type). Changes are kept; fix the column names in the bot’s settings, then /sync → “🔁 Retry”. Settings: <code>NOTION_TITLE_PROPERTY_NAME</code>, <code>NOTION_STATUS_PROPERTY_NAME</code>
sync-notion-problem-validation = ⚠️ Notion refused the change: the data did not pass its checks (the bot's log has the details). Changes are kept in the bot; /sync shows the queue.
`,
};
