import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
import fr from './fr.json';
import { translateDetail } from './errors.js';

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'pmp.language';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  const wanted = saved ?? (typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2));
  return LANGUAGES.some((l) => l.code === wanted) ? (wanted as Language) : 'en';
}

/** The document follows the language: `lang` for screen readers and fonts, `dir` for RTL. */
function applyToDocument(lng: string) {
  const lang = LANGUAGES.find((l) => l.code === lng) ?? LANGUAGES[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
// `{{reason, detail}}`: a validator detail the server's shared rules write in English, translated.
i18n.services.formatter?.add('detail', (value: unknown, lng: string | undefined) =>
  translateDetail(String(value), i18n.getFixedT(lng ?? i18n.language)),
);
applyToDocument(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyToDocument(lng);
  localStorage.setItem(STORAGE_KEY, lng);
});

export default i18n;
