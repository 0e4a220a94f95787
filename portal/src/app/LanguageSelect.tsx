import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.js';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="row">
      <span className="sr-only">{t('shell.language')}</span>
      <select
        className="lang-select"
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
        data-testid="language"
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
