export const settingsTexts = {
  ru: `
settings-menu =
    ⚙️ <b>Настройки</b>
    Язык интерфейса: { $language }
btn-language = 🌐 Язык
choose-language = 🌐 Выберите язык интерфейса кнопкой или напишите код (ru / en):
language-unknown = Не знаю такого языка. Доступны: ru, en.
language-saved = ✅ Язык интерфейса: Русский
settings-closed = Настройки закрыты.
btn-close = ✖️ Закрыть
language-name = Русский
`,
  en: `
settings-menu =
    ⚙️ <b>Settings</b>
    Interface language: { $language }
btn-language = 🌐 Language
choose-language = 🌐 Choose the interface language with a button or type its code (ru / en):
language-unknown = I don't know that language. Available: ru, en.
language-saved = ✅ Interface language: English
settings-closed = Settings closed.
btn-close = ✖️ Close
language-name = English
`,
};
