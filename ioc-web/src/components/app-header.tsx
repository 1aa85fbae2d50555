// The top bar of every view: product name, the view's title, links between views, and the language switch.
import { useTranslation } from 'react-i18next';
import { Link } from '../router/link.tsx';
import { VIEW_IDS, VIEW_PATHS, type Route } from '../router/routes.ts';
import { LanguageSwitch } from './language-switch.tsx';

export function AppHeader({ route, title }: { route: Route; title: string }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="titles">
        <span className="product">{t('app.shortName')}</span>
        <h1>{title}</h1>
      </div>
      <nav aria-label={t('nav.label')}>
        {VIEW_IDS.map((view) => (
          <Link key={view} href={VIEW_PATHS[view]} aria-current={route === view ? 'page' : undefined}>
            {t(`nav.${view}`)}
          </Link>
        ))}
      </nav>
      <LanguageSwitch />
    </header>
  );
}
