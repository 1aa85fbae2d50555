// Per-request batch loaders, so a list of 30 districts asking for their parent costs one query, not 30.
import DataLoader from 'dataloader';
import type { Loaders, Services } from '../context.ts';
import { createReportLoaders } from '../reports/report.loaders.ts';

export function createLoaders(services: Services): Loaders {
  return {
    agencyType: byKey(
      (codes) => services.categories.agencyTypes(codes),
      (a) => a.code,
    ),
    unit: byKey(
      (ids) => services.units.byIds(ids),
      (u) => u.id,
    ),
    adminUnit: byKey(
      (ids) => services.adminUnits.byIds(ids),
      (a) => a.id,
    ),
    adminUnitGeometry: new DataLoader(async (ids: readonly number[]) => {
      const rows = await services.adminUnits.byIds(ids, true);
      const found = new Map(rows.map((r) => [r.id, r.geometry ?? null]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    reports: createReportLoaders(services.reports),
  };
}

function byKey<K, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (v: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys: readonly K[]) => {
    const rows = await load(keys);
    const found = new Map(rows.map((r) => [keyOf(r), r]));
    return keys.map((k) => found.get(k) ?? null);
  });
}
