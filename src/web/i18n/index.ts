import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, storedLanguage, storeLanguage } from '../app/preferences';
import { texts } from './resources';

export const resources = { ru: { translation: texts.ru }, en: { translation: texts.en } } as const;

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? 'ru',
  fallbackLng: 'ru',
  supportedLngs: ['ru', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

/** Uses the portal's default language unless the person already chose one. */
export function applyDefaultLanguage(defaultLanguage: string): void {
  if (storedLanguage()) return;
  if ((defaultLanguage === 'ru' || defaultLanguage === 'en') && i18n.language !== defaultLanguage) {
    void i18n.changeLanguage(defaultLanguage);
  }
}

export default i18n;
