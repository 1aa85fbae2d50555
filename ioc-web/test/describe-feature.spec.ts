// The feature card names a clicked feature and says what it is in the user's language.
import { describe, expect, it } from 'vitest';
import vi from '../src/i18n/vi.json';
import en from '../src/i18n/en.json';
import { describeFeature, type Translate } from '../src/map/describe-feature.ts';

function translator(catalogue: unknown): Translate {
  return (key, fallback) => {
    const value = key
      .split('.')
      .reduce<unknown>((n, part) => (n as Record<string, unknown>)?.[part], catalogue);
    return typeof value === 'string' ? value : (fallback ?? key);
  };
}
const tVi = translator(vi);
const tEn = translator(en);

describe('describeFeature', () => {
  it('a hospital shows its name, translated kind, address and phone', () => {
    const props = {
      id: 7,
      kind: 'hospital',
      name: 'Bệnh viện Bạch Mai',
      address: '78 Giải Phóng',
      phone: '024 3869 3731',
    };
    expect(describeFeature('facilities', props, tVi, 'vi')).toEqual({
      title: 'Bệnh viện Bạch Mai',
      rows: [
        { label: 'Loại', value: 'Bệnh viện' },
        { label: 'Địa chỉ', value: '78 Giải Phóng' },
        { label: 'Điện thoại', value: '024 3869 3731', href: 'tel:02438693731' },
      ],
    });
    expect(describeFeature('facilities', props, tEn, 'en').rows[0]).toEqual({
      label: 'Type',
      value: 'Hospital',
    });
  });

  it('leaves out what a feature does not have, and names the unnamed', () => {
    const card = describeFeature('facilities', { id: 1, kind: 'kindergarten', address: '  ' }, tVi, 'vi');
    expect(card).toEqual({ title: '(chưa có tên)', rows: [{ label: 'Loại', value: 'Mầm non' }] });
  });

  it('shows an unknown kind as sent rather than hiding it', () => {
    const card = describeFeature('facilities', { id: 1, kind: 'pharmacy', name: 'X' }, tEn, 'en');
    expect(card.rows).toEqual([{ label: 'Type', value: 'pharmacy' }]);
  });

  it('an admin unit uses the English name in English and the level label', () => {
    const props = {
      id: 3,
      code: '001',
      name: 'Quận Ba Đình',
      name_en: 'Ba Dinh District',
      level: 2,
      kind: 'urban',
    };
    expect(describeFeature('admin_units', props, tVi, 'vi').title).toBe('Quận Ba Đình');
    const card = describeFeature('admin_units', props, tEn, 'en');
    expect(card.title).toBe('Ba Dinh District');
    expect(card.rows).toContainEqual({ label: 'Level', value: 'District' });
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const decomposed = 'Liên tỉnh lộ'.normalize('NFD');
    expect(describeFeature('facilities', { id: 1, kind: 'school', name: decomposed }, tVi, 'vi').title).toBe(
      'Liên tỉnh lộ'.normalize('NFC'),
    );
  });

  it('a camera and a report translate their status, and keep an unknown status readable', () => {
    const camera = describeFeature(
      'cameras',
      { id: 1, code: 'HN-001', name: 'Ngã tư Sở', status: 'offline' },
      tVi,
      'vi',
    );
    expect(camera.rows).toContainEqual({ label: 'Trạng thái', value: 'Mất tín hiệu' });
    const report = describeFeature(
      'reports',
      { id: 42, category_code: 'lighting', status: 'escalated', created_at: 'not a date' },
      tEn,
      'en',
    );
    expect(report.title).toBe('Citizen report #42');
    expect(report.rows).toEqual([
      { label: 'Category', value: 'lighting' },
      { label: 'Status', value: 'escalated' },
      { label: 'Submitted', value: 'not a date' },
    ]);
  });
});
