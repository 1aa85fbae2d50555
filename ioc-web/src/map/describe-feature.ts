// What the feature card says about a clicked feature, per tile source, in the current language.
import type { TileSource } from './layer-keys.ts';
import { facilityLabelKey, isFacilityKind } from './facility-kinds.ts';

/** Looks up a UI string; `fallback` is shown when the key has no translation (e.g. a status the UI predates). */
export type Translate = (key: string, fallback?: string) => string;

export interface FeatureDescription {
  title: string;
  /** `href` is set where the value can be acted on, e.g. a phone number to call. */
  rows: { label: string; value: string; href?: string }[];
}

type Props = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.normalize('NFC').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `tel:` link for a phone number as written locally ("024 3869 3731", "0912.345.678"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function formatTime(value: unknown, language: string): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const date = new Date(typeof value === 'number' ? value : raw);
  if (Number.isNaN(date.getTime())) return raw;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function describeFeature(
  source: TileSource,
  props: Props,
  t: Translate,
  language: string,
): FeatureDescription {
  const rows: FeatureDescription['rows'] = [];
  const add = (labelKey: string, value: string | undefined) => {
    if (value !== undefined) rows.push({ label: t(labelKey), value });
  };
  const unnamed = t('card.unnamed');

  switch (source) {
    case 'admin_units': {
      const level = text(props.level);
      add('card.level', level === undefined ? undefined : t(`admin.level.${level}`, level));
      add('card.code', text(props.code));
      const title = (language === 'en' ? text(props.name_en) : undefined) ?? text(props.name);
      return { title: title ?? unnamed, rows };
    }
    case 'facilities': {
      const kind = props.kind;
      add('card.kind', isFacilityKind(kind) ? t(facilityLabelKey(kind)) : text(kind));
      add('card.address', text(props.address));
      const phone = text(props.phone);
      if (phone !== undefined) rows.push({ label: t('card.phone'), value: phone, href: telHref(phone) });
      return { title: text(props.name) ?? unnamed, rows };
    }
    case 'cameras': {
      const status = text(props.status);
      add('card.kind', t('camera.title'));
      add('card.code', text(props.code));
      add('card.status', status === undefined ? undefined : t(`camera.status.${status}`, status));
      return { title: text(props.name) ?? text(props.code) ?? unnamed, rows };
    }
    case 'reports': {
      const status = text(props.status);
      add('card.category', text(props.category_code));
      add('card.status', status === undefined ? undefined : t(`report.status.${status}`, status));
      add('card.createdAt', formatTime(props.created_at, language));
      const id = text(props.id);
      return { title: id === undefined ? t('report.title') : `${t('report.title')} #${id}`, rows };
    }
  }
}
