// What gets drawn: the user's toggles, minus sources the server lacks, and only the deck layers that are on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY, type LayerKey } from '../src/map/layer-keys.ts';
import { effectiveVisibility } from '../src/map/layer-visibility.ts';
import { buildLayers, facilityGroupsFor } from '../src/map/layers/build-layers.ts';

const allOn = DEFAULT_VISIBILITY;
const only = (...keys: LayerKey[]) =>
  Object.fromEntries(Object.keys(allOn).map((k) => [k, keys.includes(k as LayerKey)])) as Record<
    LayerKey,
    boolean
  >;

describe('effectiveVisibility', () => {
  it('shows every layer by default once the optional sources are found', () => {
    const visible = effectiveVisibility(allOn, { cameras: 'available', reports: 'available' });
    expect(visible).toEqual(allOn);
  });

  it('keeps cameras and reports off while their sources are missing or still being checked', () => {
    const visible = effectiveVisibility(allOn, { cameras: 'unavailable', reports: 'checking' });
    expect(visible).toEqual(only('admin', 'schools', 'health'));
  });

  it('respects the user switching a layer off', () => {
    const visible = effectiveVisibility(only('schools', 'cameras'), {
      cameras: 'available',
      reports: 'available',
    });
    expect(visible).toEqual(only('schools', 'cameras'));
  });
});

describe('buildLayers', () => {
  const ids = (visible: Record<LayerKey, boolean>) =>
    buildLayers(visible, facilityGroupsFor(visible)).map((layer) => layer.id);

  it('draws one deck layer per tile source, each named after its source', () => {
    expect(ids(allOn)).toEqual(['admin_units', 'facilities', 'reports', 'cameras']);
  });

  it('leaves switched-off layers out entirely, so their tiles are not fetched', () => {
    expect(ids(only('admin'))).toEqual(['admin_units']);
    expect(ids(only('cameras'))).toEqual(['cameras']);
    expect(ids(only('reports'))).toEqual(['reports']);
    expect(ids(only())).toEqual([]);
  });

  it('shares one facilities layer between the school and health toggles', () => {
    expect(ids(only('schools'))).toEqual(['facilities']);
    expect(facilityGroupsFor(only('schools'))).toEqual(['education']);
    expect(facilityGroupsFor(only('health'))).toEqual(['health']);
    expect(facilityGroupsFor(only('schools', 'health'))).toEqual(['education', 'health']);
    const [layer] = buildLayers(only('health'), ['health']);
    expect(layer?.props).toMatchObject({ filterCategories: ['health'] });
  });

  it('asks the tile server for the documented URL templates', () => {
    const layers = buildLayers(allOn, ['education', 'health']);
    expect(layers.map((layer) => layer.props.data)).toEqual([
      '/tiles/admin_units/{z}/{x}/{y}.mvt',
      '/tiles/facilities/{z}/{x}/{y}.mvt',
      '/tiles/reports/{z}/{x}/{y}.mvt',
      '/tiles/cameras/{z}/{x}/{y}.mvt',
    ]);
  });
});
