// Shown for any path that is not one of the app's views.
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/app-header.tsx';
import { Link } from '../router/link.tsx';

export function NotFoundView() {
  const { t } = useTranslation();
  return (
    <div className="view view-not-found">
      <AppHeader route="not-found" title={t('views.notFound.title')} />
      <main className="page">
        <p>{t('views.notFound.body')}</p>
        <Link href="/">{t('views.notFound.home')}</Link>
      </main>
    </div>
  );
}
