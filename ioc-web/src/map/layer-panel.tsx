// Checkboxes that switch the map layers; a layer whose source the server lacks is shown disabled, with why.
import { useTranslation } from 'react-i18next';
import { toCss } from './colors.ts';
import {
  isOptionalSource,
  LAYER_KEYS,
  SOURCE_OF_LAYER,
  type LayerKey,
  type OptionalSource,
} from './layer-keys.ts';
import { LAYER_SWATCH } from './layer-swatches.ts';
import type { Availability } from './use-source-availability.ts';
import type { Visibility } from './layer-visibility.ts';

interface LayerPanelProps {
  visible: Visibility;
  availability: Readonly<Record<OptionalSource, Availability>>;
  onToggle: (key: LayerKey, on: boolean) => void;
}

export function LayerPanel({ visible, availability, onToggle }: LayerPanelProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="layer-panel">
      <legend>{t('layers.title')}</legend>
      {LAYER_KEYS.map((key) => {
        const source = SOURCE_OF_LAYER[key];
        const state: Availability = isOptionalSource(source) ? availability[source] : 'available';
        return (
          <label key={key} className="layer-toggle" data-layer={key}>
            <input
              type="checkbox"
              checked={visible[key]}
              disabled={state !== 'available'}
              onChange={(event) => onToggle(key, event.target.checked)}
            />
            <span className="swatch" style={{ background: toCss(LAYER_SWATCH[key]) }} aria-hidden="true" />
            <span className="layer-name">
              {t(`layers.${key}`)}
              {state !== 'available' && <small className="muted">{t(`layers.${state}`)}</small>}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
