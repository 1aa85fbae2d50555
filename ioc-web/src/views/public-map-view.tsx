// The citizens' map at `/`: boundaries, schools, clinics, cameras and reports, with layer toggles and a legend.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/app-header.tsx';
import { BaseMap } from '../map/base-map.tsx';
import { FeatureCard, type Selection } from '../map/feature-card.tsx';
import { LayerPanel } from '../map/layer-panel.tsx';
import { DEFAULT_VISIBILITY, type LayerKey } from '../map/layer-keys.ts';
import { effectiveVisibility, type Visibility } from '../map/layer-visibility.ts';
import { Legend } from '../map/legend.tsx';
import { PublicLayers } from '../map/public-layers.tsx';
import { useSourceAvailability } from '../map/use-source-availability.ts';

// On a phone the panel starts folded so the map gets the screen.
const PANEL_OPEN_MIN_WIDTH = 720;

export function PublicMapView() {
  const { t } = useTranslation();
  const availability = useSourceAvailability();
  const [choices, setChoices] = useState<Visibility>(DEFAULT_VISIBILITY);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [panelOpen] = useState(() => window.innerWidth >= PANEL_OPEN_MIN_WIDTH);
  const visible = useMemo(() => effectiveVisibility(choices, availability), [choices, availability]);
  const onToggle = useCallback(
    (key: LayerKey, on: boolean) => setChoices((prev) => ({ ...prev, [key]: on })),
    [],
  );

  return (
    <div className="view view-public">
      <AppHeader route="public" title={t('views.public.title')} />
      <main className="map-area">
        <BaseMap label={t('map.label')}>
          <PublicLayers visible={visible} onSelect={setSelection} />
        </BaseMap>
        <details className="map-panel" open={panelOpen}>
          <summary>{t('layers.title')}</summary>
          <LayerPanel visible={visible} availability={availability} onToggle={onToggle} />
          <Legend visible={visible} />
        </details>
        {selection && <FeatureCard selection={selection} onClose={() => setSelection(null)} />}
      </main>
    </div>
  );
}
