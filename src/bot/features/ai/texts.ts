export const aiTexts = {
  ru: `
ai-btn-moodboards = 🎨 Мудборды
ai-btn-texts = ✍️ Тексты
ai-btn-ai-retry = 🔁 Повторить
ai-btn-stop = ✖️ Остановить
ai-stopping = ✖️ Останавливаю…
ai-stop-nothing = Уже готово — останавливать нечего.
ai-fault-fal-stopped = ✖️ Остановил — этих картинок не будет. Нажмите «🔁 Повторить», чтобы сделать их заново.
ai-interrupted = ⚠️ Я перезапустился, пока { $task }, — работа прервалась. Нажмите «🔁 Повторить», чтобы начать заново.
ai-interrupted-moodboard = делал мудборд
ai-interrupted-voice = расшифровывал голосовую заметку
ai-interrupted-texts = писал тексты
ai-btn-mb-new = ✨ Новый мудборд
ai-btn-mb-reference = 🖼✨ По фото и описанию
ai-btn-mb-words = ✨ По описанию
ai-btn-mb-photo = 🖼 Только по фото
ai-btn-mb-this-photo = 🎨 Мудборд по этому фото
ai-btn-mb-save-idea = 💡 Сохранить как идею
ai-btn-mb-remix = ✏️ Изменить запрос
ai-mb-remix-ask = ✏️ Запрос к модели сейчас такой (по-английски: модели понимают английский лучше):
    <code>{ $prompt }</code>
    Пришлите свой текст целиком — следующие четыре картинки будут по нему.
ai-mb-remix-too-long = Запрос длиннее 1000 символов ({ $length }). Сократите, пожалуйста.
ai-mb-remix-started = ✅ Запрос изменён — делаю четыре новые картинки.
ai-btn-mb-all = 🔄 Всё заново
ai-btn-mb-originals = ⬇️ Оригиналы
ai-btn-mb-save = 💾 Сохранить в проект
ai-btn-mb-open-card = 📇 К карточке
ai-btn-mb-yes = ✨ Да, создать мудборд
ai-btn-text-regenerate = 🔄 Заново
ai-btn-text-edit = ✏️ Изменить
ai-btn-voice-save = 💡 Сохранить как идею
ai-btn-voice-name = ✏️ Название
ai-btn-voice-description = ✏️ Описание
ai-btn-voice-discard = 🗑 Не сохранять
ai-fal-off = 🎨 Мудборды не подключены. Чтобы включить, добавьте ключ fal.ai в настройки бота и перезапустите его: <code>FAL_API_KEY</code>
ai-gemini-off = ✍️ Тексты и расшифровка голосовых не подключены. Чтобы включить, добавьте ключ Gemini из Google AI Studio в настройки бота и перезапустите его: <code>LLM_API_KEY</code>
ai-voice-off = 🎙 Голосовые я расшифровываю через Gemini, а он не подключён. Пока пришлите текст; ключ — в настройках бота: <code>LLM_API_KEY</code>
ai-voice-too-big = ⚠️ Запись больше 20 МБ — Telegram не даёт ботам скачивать такие файлы. Запишите покороче или разделите на части.
ai-busy = ⏳ Уже генерирую — дождитесь результата.
ai-progress-translating = ⏳ Готовлю запрос…
ai-progress-queued = ⏳ Жду очереди на генерацию картинок, место: { $position }…
ai-progress-generating = 🎨 Генерирую изображения…
ai-progress-uploading = 📤 Загружаю в Telegram…
ai-progress-originals = ⬇️ Готовлю оригиналы…
ai-progress-saving = 💾 Собираю коллаж и сохраняю…
ai-progress-texts = ✍️ Пишу тексты (Gemini)…
ai-progress-voice = 🎙 Расшифровываю голосовое…
ai-mb-need-words = 🎨 Для мудборда нужно описание словами: в «{ $name }» нет ни описания, ни названия из слов. Добавьте описание (✏️ Изменить) и попробуйте снова.
ai-mb-steering = 🎨 <b>Мудборд: { $name }</b>
    Seed: <code>{ $seed }</code> · формат { $aspect } · { $model }
    <i>{ $prompt }</i>
    🎲 — заменить картинку, 🔀 — её вариации чуть-чуть, 🌀 — сильнее, ⬆️ — увеличить в файл.
    💳 Fal берёт плату за каждое изображение: 🔄 — { $all }, 🎲 — { $tile }, 🔀 и 🌀 — { $vary }, ⬆️ — { $upscale }.
ai-mb-saved = 💾 Мудборд сохранён в «{ $name }».
ai-mb-saving = ⏳ Уже сохраняю этот мудборд.
ai-mb-already-saved = 💾 Этот вариант уже сохранён в проекте.
ai-mb-sending-originals = ⬇️ Уже отправляю оригиналы — они будут чуть выше.
ai-mb-originals-sent = ⬇️ Оригиналы этого варианта уже отправлены выше.
ai-mb-list = 🎨 <b>Мудборды «{ $name }»</b>
ai-mb-list-empty = Сохранённых мудбордов пока нет.
ai-mb-list-item = { $n }. { $date } · { $source } · seed { $seed } · { $aspect }
ai-mb-view = 🎨 Мудборд «{ $name }» · { $source } · seed <code>{ $seed }</code> · { $aspect } · { $model }
    Seed картинок: <code>{ $seeds }</code>
ai-mb-source-words = по описанию
ai-mb-source-reference = по фото и описанию
ai-mb-source-photo = только по фото
ai-mb-cost-new = 💳 Новый мудборд — { $images ->
        [one] { $images } изображение
        [few] { $images } изображения
       *[many] { $images } изображений
    } Fal (Fal берёт плату за каждое).
ai-progress-upscaling = ⬆️ Увеличиваю картинку № { $n }…
ai-progress-upscaled-sending = 📤 Отправляю увеличенную картинку № { $n }…
ai-mb-upscaled = ⬆️ Картинка № { $n }, увеличенная ×{ $factor }{ $size ->
        [none] {""}
       *[other] {""}: { $size } пикс.
    } Файлом — без сжатия.
ai-mb-upscaled-sent = ⬆️ Картинка № { $n } уже увеличена — файл выше.
ai-mb-upscaling = ⏳ Уже увеличиваю картинку — по одной за раз. Дождитесь файла.
ai-mb-photo-offer = 🖼 Сделать мудборд по этому фото? Четыре картинки в его духе — 4 изображения Fal. Если сохраните, появится новая идея с этим фото.
ai-mb-photo-offer-caption = 🖼 Сделать мудборд по этому фото и подписи? Четыре картинки — 4 изображения Fal. Если сохраните, появится новая идея: подпись станет её описанием.
ai-mb-photo-made = 🎨 Мудборд по этому фото уже сделан — он ниже.
ai-mb-photo-title = по фото
ai-mb-photo-idea = Идея по фото { $date }
ai-mb-saved-idea = 💡 Мудборд сохранён в новую идею «{ $name }», фото стало её референсом.
ai-mb-source-vary = вариации картинки
ai-mb-notion-caption = 🎨 Мудборд №{ $id } · seed { $seed } · { $aspect }
ai-fault-fal-expired = ⚠️ Файлы этого мудборда на Fal уже недоступны (они хранятся несколько дней). Сделайте мудборд заново.
ai-mb-stale = Этот мудборд уже не найден — создайте новый с карточки проекта.
ai-text-card = 📄 <b>Текст для PDF-карточки</b> · { $name }
ai-text-social = 📱 <b>Пост для соцсетей</b> · { $name }
ai-text-ask-edit = ✏️ Пришлите исправленный текст целиком (до 4000 символов). /cancel — оставить как есть.
ai-text-too-long = Текст длиннее 4000 символов ({ $length }). Сократите, пожалуйста.
ai-voice-draft = 🎙 <b>Идея из голосового</b>
    <b>Название:</b> { $name }
    <b>Описание:</b> { $description }
ai-voice-ask-name = ✏️ Новое название идеи:
ai-voice-ask-description = ✏️ Новое описание идеи:
ai-voice-discarded = 🗑 Черновик не сохранён.
ai-voice-heard = 🎙 Распознал: «{ $text }»
ai-voice-retry-hint = Пришлите голосовое ещё раз или напишите текстом.
ai-voice-still = 🎙 Ещё расшифровываю — подождите пару секунд.
ai-btn-voice-use = ✅ Взять как описание
ai-new-offer-moodboard = 🎨 Создать мудборд по описанию? (4 варианта, Fal.ai)
ai-fault-fal-auth = ⚠️ Fal не принял ключ. Проверьте ключ fal.ai в настройках бота: <code>FAL_API_KEY</code>
ai-fault-fal-bad-input = ⚠️ Fal не принял запрос — возможно, выбранной модели нужны другие параметры. Модель: <code>{ $model }</code>
ai-fault-fal-rate = ⚠️ Fal просит подождать: слишком много запросов. Попробуйте через минуту.
ai-fault-fal-server = ⚠️ Fal сейчас недоступен. Попробуйте позже.
ai-fault-fal-timeout = ⚠️ Fal не прислал картинки вовремя. Попробуйте ещё раз.
ai-fault-fal-network = ⚠️ Нет связи с Fal. Попробуйте ещё раз.
ai-fault-fal-no-images = ⚠️ Fal не прислал картинок. Попробуйте ещё раз.
ai-fault-fal-bad-result = ⚠️ Fal прислал не картинку или ссылку не на свои файлы — я ничего не скачал и не отправил. Попробуйте ещё раз.
ai-fault-gemini-auth = ⚠️ Gemini не принял ключ. Проверьте ключ в настройках бота: <code>LLM_API_KEY</code>
ai-fault-gemini-rate = ⚠️ Gemini просит подождать: слишком много запросов. Попробуйте через минуту.
ai-fault-gemini-server = ⚠️ Gemini сейчас недоступен. Попробуйте позже.
ai-fault-gemini-timeout = ⚠️ Gemini не ответил вовремя. Попробуйте ещё раз.
ai-fault-gemini-blocked = ⚠️ Gemini отказался отвечать: сработал его фильтр безопасности. Измените описание и попробуйте ещё раз.
ai-fault-gemini-empty = ⚠️ Gemini ответил пустым текстом: ответ оборвался или в записи нет речи. Попробуйте ещё раз.
ai-fault-gemini-network = ⚠️ Нет связи с Gemini. Попробуйте ещё раз.
ai-fault-gemini-bad-request = ⚠️ Gemini не принял запрос — проверьте модель в настройках бота: <code>LLM_MODEL={ $model }</code>
ai-fault-telegram = ⚠️ Не удалось загрузить файлы в Telegram. Попробуйте ещё раз.
`,
  en: `
ai-btn-moodboards = 🎨 Moodboards
ai-btn-texts = ✍️ Texts
ai-btn-ai-retry = 🔁 Retry
ai-btn-stop = ✖️ Stop
ai-stopping = ✖️ Stopping…
ai-stop-nothing = Already done — nothing to stop.
ai-fault-fal-stopped = ✖️ Stopped — these images will not be made. Tap “🔁 Retry” to make them again.
ai-interrupted = ⚠️ I restarted while { $task }, so it was cut short. Tap “Retry” to start again.
ai-interrupted-moodboard = making a moodboard
ai-interrupted-voice = transcribing a voice note
ai-interrupted-texts = writing texts
ai-btn-mb-new = ✨ New moodboard
ai-btn-mb-reference = 🖼✨ Picture and description
ai-btn-mb-words = ✨ From the description
ai-btn-mb-photo = 🖼 From the picture alone
ai-btn-mb-this-photo = 🎨 Moodboard from this photo
ai-btn-mb-save-idea = 💡 Save as an idea
ai-btn-mb-remix = ✏️ Edit the prompt
ai-mb-remix-ask = ✏️ This is the prompt the model got (in English: models read English best):
    <code>{ $prompt }</code>
    Send your own text in full — the next four images are made from it.
ai-mb-remix-too-long = The prompt is longer than 1000 characters ({ $length }). Please shorten it.
ai-mb-remix-started = ✅ Prompt changed — making four new images.
ai-btn-mb-all = 🔄 Regenerate all
ai-btn-mb-originals = ⬇️ Originals
ai-btn-mb-save = 💾 Save to project
ai-btn-mb-open-card = 📇 Open card
ai-btn-mb-yes = ✨ Yes, make one
ai-btn-text-regenerate = 🔄 Regenerate
ai-btn-text-edit = ✏️ Edit
ai-btn-voice-save = 💡 Save as idea
ai-btn-voice-name = ✏️ Name
ai-btn-voice-description = ✏️ Description
ai-btn-voice-discard = 🗑 Don’t save
ai-fal-off = 🎨 Moodboards are not connected. To turn them on, add a fal.ai key to the bot’s settings and restart it: <code>FAL_API_KEY</code>
ai-gemini-off = ✍️ Texts and voice notes are not connected. To turn them on, add a Gemini key from Google AI Studio to the bot’s settings and restart it: <code>LLM_API_KEY</code>
ai-voice-off = 🎙 Voice notes are transcribed by Gemini, which is not connected. Please send text for now; the key goes in the bot’s settings: <code>LLM_API_KEY</code>
ai-voice-too-big = ⚠️ This recording is over 20 MB — Telegram does not let bots download files that big. Record a shorter one, or split it.
ai-busy = ⏳ Already generating — please wait for the result.
ai-progress-translating = ⏳ Preparing the prompt…
ai-progress-queued = ⏳ Waiting for the image generator, place: { $position }…
ai-progress-generating = 🎨 Generating images…
ai-progress-uploading = 📤 Uploading to Telegram…
ai-progress-originals = ⬇️ Preparing the originals…
ai-progress-saving = 💾 Making the collage and saving…
ai-progress-texts = ✍️ Writing the texts (Gemini)…
ai-progress-voice = 🎙 Transcribing the voice note…
ai-mb-need-words = 🎨 A moodboard needs a description in words: “{ $name }” has neither a description nor a name made of words. Add a description (✏️ Edit) and try again.
ai-mb-steering = 🎨 <b>Moodboard: { $name }</b>
    Seed: <code>{ $seed }</code> · aspect { $aspect } · { $model }
    <i>{ $prompt }</i>
    🎲 — replace an image, 🔀 — vary it a little, 🌀 — a lot, ⬆️ — upscale it to a file.
    💳 Fal bills every image: 🔄 — { $all }, 🎲 — { $tile }, 🔀 and 🌀 — { $vary }, ⬆️ — { $upscale }.
ai-mb-saved = 💾 Moodboard saved to “{ $name }”.
ai-mb-saving = ⏳ Already saving this moodboard.
ai-mb-already-saved = 💾 This version is already saved to the project.
ai-mb-sending-originals = ⬇️ Already sending the originals — they will be just above.
ai-mb-originals-sent = ⬇️ The originals of this version are already sent above.
ai-mb-list = 🎨 <b>Moodboards for “{ $name }”</b>
ai-mb-list-empty = No saved moodboards yet.
ai-mb-list-item = { $n }. { $date } · { $source } · seed { $seed } · { $aspect }
ai-mb-view = 🎨 Moodboard for “{ $name }” · { $source } · seed <code>{ $seed }</code> · { $aspect } · { $model }
    Image seeds: <code>{ $seeds }</code>
ai-mb-source-words = from the description
ai-mb-source-reference = from the picture and the description
ai-mb-source-photo = from the picture alone
ai-mb-cost-new = 💳 A new moodboard is { $images ->
        [one] { $images } image
       *[other] { $images } images
    } at Fal (Fal bills each one).
ai-progress-upscaling = ⬆️ Upscaling image #{ $n }…
ai-progress-upscaled-sending = 📤 Sending upscaled image #{ $n }…
ai-mb-upscaled = ⬆️ Image #{ $n }, { $factor }× larger{ $size ->
        [none] {""}
       *[other] {""}: { $size } px
    }. As a file — uncompressed.
ai-mb-upscaled-sent = ⬆️ Image #{ $n } is already upscaled — the file is above.
ai-mb-upscaling = ⏳ Already upscaling an image — one at a time. Please wait for the file.
ai-mb-photo-offer = 🖼 Make a moodboard from this photo? Four images in its spirit — 4 images at Fal. If you save it, it becomes a new idea with this photo.
ai-mb-photo-offer-caption = 🖼 Make a moodboard from this photo and its caption? Four images — 4 images at Fal. If you save it, it becomes a new idea described by the caption.
ai-mb-photo-made = 🎨 The moodboard from this photo is already made — it is below.
ai-mb-photo-title = from a photo
ai-mb-photo-idea = Photo idea { $date }
ai-mb-saved-idea = 💡 Moodboard saved to a new idea, “{ $name }”; the photo is its reference.
ai-mb-source-vary = variations of an image
ai-mb-notion-caption = 🎨 Moodboard #{ $id } · seed { $seed } · { $aspect }
ai-fault-fal-expired = ⚠️ Fal no longer has this moodboard's files (it keeps them for a few days). Please regenerate.
ai-mb-stale = This moodboard is gone — make a new one from the project card.
ai-text-card = 📄 <b>Text for the PDF card</b> · { $name }
ai-text-social = 📱 <b>Social media post</b> · { $name }
ai-text-ask-edit = ✏️ Send the corrected text in full (up to 4000 characters). /cancel keeps it as it is.
ai-text-too-long = The text is longer than 4000 characters ({ $length }). Please shorten it.
ai-voice-draft = 🎙 <b>Idea from a voice note</b>
    <b>Name:</b> { $name }
    <b>Description:</b> { $description }
ai-voice-ask-name = ✏️ New name for the idea:
ai-voice-ask-description = ✏️ New description for the idea:
ai-voice-discarded = 🗑 Draft not saved.
ai-voice-heard = 🎙 I heard: “{ $text }”
ai-voice-retry-hint = Send the voice note again or type the text.
ai-voice-still = 🎙 Still transcribing — a few more seconds.
ai-btn-voice-use = ✅ Use as description
ai-new-offer-moodboard = 🎨 Create a moodboard from the description? (4 options, Fal.ai)
ai-fault-fal-auth = ⚠️ Fal did not accept the key. Check the fal.ai key in the bot’s settings: <code>FAL_API_KEY</code>
ai-fault-fal-bad-input = ⚠️ Fal did not accept the request — the chosen model may need other parameters. Model: <code>{ $model }</code>
ai-fault-fal-rate = ⚠️ Fal asks to slow down: too many requests. Please try again in a minute.
ai-fault-fal-server = ⚠️ Fal is unavailable right now (server error). Retry later.
ai-fault-fal-timeout = ⚠️ Fal sent no result in time. Please retry.
ai-fault-fal-network = ⚠️ Cannot reach Fal. Please retry.
ai-fault-fal-no-images = ⚠️ Fal returned no images. Please retry.
ai-fault-fal-bad-result = ⚠️ Fal sent something that is not an image, or a link outside its own files — I downloaded and sent nothing. Please retry.
ai-fault-gemini-auth = ⚠️ Gemini did not accept the key. Check it in the bot’s settings: <code>LLM_API_KEY</code>
ai-fault-gemini-rate = ⚠️ Gemini asks to slow down: too many requests. Please try again in a minute.
ai-fault-gemini-server = ⚠️ Gemini is unavailable right now (server error). Retry later.
ai-fault-gemini-timeout = ⚠️ Gemini did not answer in time. Please retry.
ai-fault-gemini-blocked = ⚠️ Gemini refused to answer (safety filter). Change the description and retry.
ai-fault-gemini-empty = ⚠️ Gemini answered with empty text: the answer was cut off, or there is no speech in the recording. Please try again.
ai-fault-gemini-network = ⚠️ Cannot reach Gemini. Please retry.
ai-fault-gemini-bad-request = ⚠️ Gemini did not accept the request — check the model in the bot’s settings: <code>LLM_MODEL={ $model }</code>
ai-fault-telegram = ⚠️ Could not upload the files to Telegram. Please retry.
`,
};
