// Sets up i18next with the Vietnamese and English catalogues and keeps <html lang> and localStorage in step.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json';
import en from './en.json';
import { DEFAULT_LANGUAGE, initialLanguage, isLanguage, rememberLanguage } from './language.ts';

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.name');
  if (isLanguage(language)) rememberLanguage(browserStorage(), language);
}

i18next.on('languageChanged', applyLanguage);

// The catalogues are bundled, so initialise synchronously: the first render already has its strings.
void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(browserStorage()),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['vi', 'en'],
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false }, // React already escapes.
});

export default i18next;
