// The VI | EN switch in the header; i18n.ts remembers the choice and updates <html lang>.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/language.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language, index) => (
        <span key={language}>
          {index > 0 && (
            <span className="separator" aria-hidden="true">
              |
            </span>
          )}
          <button
            type="button"
            lang={language}
            aria-pressed={i18n.resolvedLanguage === language}
            title={t(`language.${language}`)}
            onClick={() => void i18n.changeLanguage(language)}
          >
            {language.toUpperCase()}
          </button>
        </span>
      ))}
    </div>
  );
}
