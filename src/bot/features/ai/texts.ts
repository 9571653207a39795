export const aiTexts = {
  ru: `
btn-moodboards = 🎨 Мудборды
btn-texts = ✍️ Тексты
btn-ai-retry = 🔁 Повторить
ai-interrupted = ⚠️ Я перезапустился, пока { $task }, — работа прервалась. Нажмите «Повторить», чтобы начать заново.
ai-interrupted-moodboard = делал мудборд
ai-interrupted-voice = расшифровывал голосовую заметку
ai-interrupted-texts = писал тексты
btn-mb-new = ✨ Новый мудборд
btn-mb-all = 🔄 Всё заново
btn-mb-originals = 📎 Оригиналы
btn-mb-save = 💾 Сохранить в проект
btn-mb-open-card = 📇 К карточке
btn-mb-yes = Да, создать мудборд ✨
btn-text-regenerate = 🔄 Заново
btn-text-edit = ✏️ Исправить
btn-voice-save = 💡 Сохранить как идею
btn-voice-name = ✏️ Название
btn-voice-description = ✏️ Описание
btn-voice-discard = 🗑 Отбросить
ai-fal-off = 🎨 Мудборды выключены: задайте FAL_API_KEY (ключ с fal.ai) и перезапустите бота.
ai-gemini-off = ✍️ Тексты и расшифровка голоса выключены: задайте LLM_API_KEY (ключ Gemini из Google AI Studio) и перезапустите бота.
ai-voice-off = 🎙 Голосовые я расшифровываю через Gemini, а он выключен: задайте LLM_API_KEY. Пока пришлите текст.
ai-busy = ⏳ Уже генерирую — дождитесь результата.
ai-progress-translating = ⏳ Готовлю запрос…
ai-progress-queued = ⏳ В очереди Fal, позиция { $position }…
ai-progress-generating = 🎨 Генерирую изображения…
ai-progress-uploading = 📤 Загружаю в Telegram…
ai-progress-originals = 📎 Готовлю оригиналы…
ai-progress-saving = 💾 Собираю коллаж и сохраняю…
ai-progress-texts = ✍️ Пишу тексты (Gemini)…
ai-progress-voice = 🎙 Расшифровываю голосовое…
ai-mb-need-words = 🎨 Для мудборда нужно описание словами: в «{ $name }» нет ни описания, ни названия из слов. Добавьте описание (✏️ Изменить) и попробуйте снова.
ai-mb-steering = 🎨 <b>Мудборд: { $name }</b>
    Seed: <code>{ $seed }</code> · формат { $aspect } · { $model }
    <i>{ $prompt }</i>
    Заменить одну картинку — кнопки 1–4.
ai-mb-saved = 💾 Мудборд сохранён в «{ $name }».
ai-mb-list = 🎨 <b>Мудборды «{ $name }»</b>
ai-mb-list-empty = Сохранённых мудбордов пока нет.
ai-mb-list-item = { $n }. { $date } · seed { $seed } · { $aspect }
ai-mb-view = 🎨 Мудборд «{ $name }» · seed <code>{ $seed }</code> · { $aspect } · { $model }
ai-mb-notion-caption = 🎨 Мудборд №{ $id } · seed { $seed } · { $aspect }
ai-mb-expired = ⚠️ Файлы этого мудборда на Fal уже недоступны (они хранятся несколько дней). Сгенерируйте заново.
ai-mb-stale = Этот мудборд уже не найден — создайте новый с карточки проекта.
ai-text-card = 📇 <b>Текст для карточки</b> · { $name }
ai-text-social = 📱 <b>Пост для соцсетей</b> · { $name }
ai-text-ask-edit = ✏️ Пришлите исправленный текст целиком (до 4000 символов). /cancel — оставить как есть.
ai-text-too-long = Текст длиннее 4000 символов ({ $length }). Сократите, пожалуйста.
ai-voice-draft = 🎙 <b>Идея из голосового</b>
    <b>Название:</b> { $name }
    <b>Описание:</b> { $description }
ai-voice-ask-name = ✏️ Новое название идеи:
ai-voice-ask-description = ✏️ Новое описание идеи:
ai-voice-discarded = 🗑 Черновик отброшен.
ai-voice-heard = 🎙 Распознал: «{ $text }»
ai-voice-retry-hint = Пришлите голосовое ещё раз или напишите текстом.
ai-voice-still = 🎙 Ещё расшифровываю — подождите пару секунд.
btn-voice-use = ✅ Взять как описание
ai-new-offer-moodboard = 🎨 Создать мудборд по описанию? (4 варианта, Fal.ai)
ai-fault-fal-auth = ⚠️ Fal отклонил ключ (401). Проверьте FAL_API_KEY.
ai-fault-fal-bad-input = ⚠️ Fal не принял запрос (422) — возможно, модель { $model } ждёт других параметров.
ai-fault-fal-rate = ⚠️ Fal просит подождать (429: слишком много запросов). Повторите через минуту.
ai-fault-fal-server = ⚠️ Fal сейчас недоступен (ошибка сервера). Повторите позже.
ai-fault-fal-timeout = ⚠️ Fal не прислал результат за отведённое время. Повторите попытку.
ai-fault-fal-network = ⚠️ Нет связи с Fal. Повторите попытку.
ai-fault-fal-no-images = ⚠️ Fal не вернул изображения. Повторите попытку.
ai-fault-gemini-auth = ⚠️ Gemini отклонил ключ. Проверьте LLM_API_KEY.
ai-fault-gemini-rate = ⚠️ Gemini просит подождать (429: лимит запросов). Повторите через минуту.
ai-fault-gemini-server = ⚠️ Gemini сейчас недоступен (ошибка сервера). Повторите позже.
ai-fault-gemini-timeout = ⚠️ Gemini не ответил вовремя. Повторите попытку.
ai-fault-gemini-blocked = ⚠️ Gemini отказался отвечать (фильтр безопасности). Измените описание и повторите.
ai-fault-gemini-empty = ⚠️ Gemini вернул пустой ответ (лимит токенов или нет речи). Повторите попытку.
ai-fault-gemini-network = ⚠️ Нет связи с Gemini. Повторите попытку.
ai-fault-gemini-bad-request = ⚠️ Gemini не принял запрос — проверьте модель { $model } (LLM_MODEL).
ai-fault-telegram = ⚠️ Не удалось загрузить файлы в Telegram. Повторите попытку.
`,
  en: `
btn-moodboards = 🎨 Moodboards
btn-texts = ✍️ Texts
btn-ai-retry = 🔁 Retry
ai-interrupted = ⚠️ I restarted while { $task }, so it was cut short. Tap “Retry” to start again.
ai-interrupted-moodboard = making a moodboard
ai-interrupted-voice = transcribing a voice note
ai-interrupted-texts = writing texts
btn-mb-new = ✨ New moodboard
btn-mb-all = 🔄 Regenerate all
btn-mb-originals = 📎 Originals
btn-mb-save = 💾 Save to project
btn-mb-open-card = 📇 Open card
btn-mb-yes = Yes, create a moodboard ✨
btn-text-regenerate = 🔄 Regenerate
btn-text-edit = ✏️ Edit
btn-voice-save = 💡 Save as idea
btn-voice-name = ✏️ Name
btn-voice-description = ✏️ Description
btn-voice-discard = 🗑 Discard
ai-fal-off = 🎨 Moodboards are off: set FAL_API_KEY (a key from fal.ai) and restart the bot.
ai-gemini-off = ✍️ Texts and voice transcription are off: set LLM_API_KEY (a Gemini key from Google AI Studio) and restart the bot.
ai-voice-off = 🎙 Voice notes are transcribed by Gemini, which is off: set LLM_API_KEY. Please send text for now.
ai-busy = ⏳ Already generating — please wait for the result.
ai-progress-translating = ⏳ Preparing the prompt…
ai-progress-queued = ⏳ Queued at Fal, position { $position }…
ai-progress-generating = 🎨 Generating images…
ai-progress-uploading = 📤 Uploading to Telegram…
ai-progress-originals = 📎 Preparing the originals…
ai-progress-saving = 💾 Making the collage and saving…
ai-progress-texts = ✍️ Writing the texts (Gemini)…
ai-progress-voice = 🎙 Transcribing the voice note…
ai-mb-need-words = 🎨 A moodboard needs a description in words: “{ $name }” has neither a description nor a name made of words. Add a description (✏️ Edit) and try again.
ai-mb-steering = 🎨 <b>Moodboard: { $name }</b>
    Seed: <code>{ $seed }</code> · aspect { $aspect } · { $model }
    <i>{ $prompt }</i>
    Replace one image — buttons 1–4.
ai-mb-saved = 💾 Moodboard saved to “{ $name }”.
ai-mb-list = 🎨 <b>Moodboards of “{ $name }”</b>
ai-mb-list-empty = No saved moodboards yet.
ai-mb-list-item = { $n }. { $date } · seed { $seed } · { $aspect }
ai-mb-view = 🎨 Moodboard of “{ $name }” · seed <code>{ $seed }</code> · { $aspect } · { $model }
ai-mb-notion-caption = 🎨 Moodboard #{ $id } · seed { $seed } · { $aspect }
ai-mb-expired = ⚠️ Fal no longer has this moodboard's files (it keeps them for a few days). Please regenerate.
ai-mb-stale = This moodboard is gone — make a new one from the project card.
ai-text-card = 📇 <b>Portfolio card text</b> · { $name }
ai-text-social = 📱 <b>Social media post</b> · { $name }
ai-text-ask-edit = ✏️ Send the corrected text in full (up to 4000 characters). /cancel keeps it as it is.
ai-text-too-long = The text is longer than 4000 characters ({ $length }). Please shorten it.
ai-voice-draft = 🎙 <b>Idea from a voice note</b>
    <b>Name:</b> { $name }
    <b>Description:</b> { $description }
ai-voice-ask-name = ✏️ New name for the idea:
ai-voice-ask-description = ✏️ New description for the idea:
ai-voice-discarded = 🗑 Draft discarded.
ai-voice-heard = 🎙 I heard: “{ $text }”
ai-voice-retry-hint = Send the voice note again or type the text.
ai-voice-still = 🎙 Still transcribing — a few more seconds.
btn-voice-use = ✅ Use as the description
ai-new-offer-moodboard = 🎨 Create a moodboard from the description? (4 options, Fal.ai)
ai-fault-fal-auth = ⚠️ Fal rejected the key (401). Check FAL_API_KEY.
ai-fault-fal-bad-input = ⚠️ Fal did not accept the request (422) — the model { $model } may expect other parameters.
ai-fault-fal-rate = ⚠️ Fal asks to slow down (429: too many requests). Retry in a minute.
ai-fault-fal-server = ⚠️ Fal is unavailable right now (server error). Retry later.
ai-fault-fal-timeout = ⚠️ Fal sent no result in time. Please retry.
ai-fault-fal-network = ⚠️ Cannot reach Fal. Please retry.
ai-fault-fal-no-images = ⚠️ Fal returned no images. Please retry.
ai-fault-gemini-auth = ⚠️ Gemini rejected the key. Check LLM_API_KEY.
ai-fault-gemini-rate = ⚠️ Gemini asks to slow down (429: rate limit). Retry in a minute.
ai-fault-gemini-server = ⚠️ Gemini is unavailable right now (server error). Retry later.
ai-fault-gemini-timeout = ⚠️ Gemini did not answer in time. Please retry.
ai-fault-gemini-blocked = ⚠️ Gemini refused to answer (safety filter). Change the description and retry.
ai-fault-gemini-empty = ⚠️ Gemini returned an empty answer (token limit or no speech). Please retry.
ai-fault-gemini-network = ⚠️ Cannot reach Gemini. Please retry.
ai-fault-gemini-bad-request = ⚠️ Gemini did not accept the request — check the model { $model } (LLM_MODEL).
ai-fault-telegram = ⚠️ Could not upload the files to Telegram. Please retry.
`,
};
