// Placeholder for the staff views (/wall, /leader, /ops): the shared base map under a title and a "being built" note.
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/app-header.tsx';
import { BaseMap } from '../map/base-map.tsx';

export type StaffViewId = 'wall' | 'leader' | 'ops';

export function StaffView({ view }: { view: StaffViewId }) {
  const { t } = useTranslation();
  return (
    <div className={`view view-${view}`}>
      <AppHeader route={view} title={t(`views.${view}.title`)} />
      <main className="map-area">
        <BaseMap label={t('map.label')} />
        <p className="notice" role="status">
          {t(`views.${view}.building`)}
        </p>
      </main>
    </div>
  );
}
