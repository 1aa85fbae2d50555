// Turns the effective layer visibility into the deck.gl layers to draw. A switched-off layer is left out
// entirely: deck.gl's tile layers keep fetching while merely invisible, which costs phones data.
import type { Layer } from '@deck.gl/core';
import type { FacilityGroup } from '../facility-kinds.ts';
import type { LayerKey } from '../layer-keys.ts';
import { createAdminUnitsLayer } from './admin-units-layer.ts';
import { createFacilitiesLayer } from './facilities-layer.ts';
import { createCamerasLayer } from './cameras-layer.ts';
import { createReportsLayer } from './reports-layer.ts';

/** `facilityGroups` must be stable between calls with equal content (see createFacilitiesLayer). */
export function buildLayers(
  visible: Readonly<Record<LayerKey, boolean>>,
  facilityGroups: readonly FacilityGroup[],
) {
  const layers: Layer[] = [];
  if (visible.admin) layers.push(createAdminUnitsLayer());
  if (facilityGroups.length > 0) layers.push(createFacilitiesLayer({ groups: facilityGroups }));
  if (visible.reports) layers.push(createReportsLayer());
  if (visible.cameras) layers.push(createCamerasLayer());
  return layers;
}

/** The facility groups to show, from the two facility toggles. */
export function facilityGroupsFor(visible: Readonly<Record<'schools' | 'health', boolean>>): FacilityGroup[] {
  const groups: FacilityGroup[] = [];
  if (visible.schools) groups.push('education');
  if (visible.health) groups.push('health');
  return groups;
}
