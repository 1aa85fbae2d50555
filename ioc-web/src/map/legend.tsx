// The map legend: one entry per colour currently on the map.
import { useTranslation } from 'react-i18next';
import {
  ADMIN_DISTRICT_FILL,
  ADMIN_DISTRICT_LINE,
  CAMERA_OFFLINE,
  CAMERA_ONLINE,
  EDUCATION,
  HEALTH,
  REPORT_DONE,
  REPORT_OPEN,
  toCss,
  type Rgba,
} from './colors.ts';
import type { LayerKey } from './layer-keys.ts';
import type { Visibility } from './layer-visibility.ts';

interface Entry {
  layer: LayerKey;
  labelKey: string;
  fill: Rgba;
  line?: Rgba;
  shape: 'area' | 'point';
}

export const LEGEND_ENTRIES: readonly Entry[] = [
  {
    layer: 'admin',
    labelKey: 'legend.district',
    fill: ADMIN_DISTRICT_FILL,
    line: ADMIN_DISTRICT_LINE,
    shape: 'area',
  },
  { layer: 'schools', labelKey: 'legend.education', fill: EDUCATION, shape: 'point' },
  { layer: 'health', labelKey: 'legend.health', fill: HEALTH, shape: 'point' },
  { layer: 'cameras', labelKey: 'legend.cameraOnline', fill: CAMERA_ONLINE, shape: 'point' },
  { layer: 'cameras', labelKey: 'legend.cameraOffline', fill: CAMERA_OFFLINE, shape: 'point' },
  { layer: 'reports', labelKey: 'legend.reportOpen', fill: REPORT_OPEN, shape: 'point' },
  { layer: 'reports', labelKey: 'legend.reportDone', fill: REPORT_DONE, shape: 'point' },
];

export function Legend({ visible }: { visible: Visibility }) {
  const { t } = useTranslation();
  const entries = LEGEND_ENTRIES.filter((entry) => visible[entry.layer]);
  if (entries.length === 0) return null;
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <h2>{t('legend.title')}</h2>
      <ul>
        {entries.map((entry) => (
          <li key={entry.labelKey}>
            <span
              className={`swatch swatch-${entry.shape}`}
              style={{
                background: toCss(entry.fill),
                borderColor: entry.line ? toCss(entry.line) : undefined,
              }}
              aria-hidden="true"
            />
            {t(entry.labelKey)}
          </li>
        ))}
      </ul>
    </section>
  );
}
