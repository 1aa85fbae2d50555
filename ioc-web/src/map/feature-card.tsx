// The card that opens when a feature is clicked: its name, what it is, and how to reach it.
import { useTranslation } from 'react-i18next';
import { describeFeature } from './describe-feature.ts';
import type { TileSource } from './layer-keys.ts';

export interface Selection {
  source: TileSource;
  properties: Readonly<Record<string, unknown>>;
}

export function FeatureCard({ selection, onClose }: { selection: Selection; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const translate = (key: string, fallback?: string) => t(key, { defaultValue: fallback ?? key });
  const { title, rows } = describeFeature(selection.source, selection.properties, translate, i18n.language);
  return (
    <article className="feature-card" data-testid="feature-card" aria-live="polite">
      <header>
        <h2>{title}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('card.close')}>
          ×
        </button>
      </header>
      {rows.length > 0 && (
        <dl>
          {rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.href ? <a href={row.href}>{row.value}</a> : row.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
