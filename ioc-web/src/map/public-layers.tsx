// The public map's deck.gl layers, with hover cursor and click-to-select wired to the feature card.
import { useCallback, useMemo } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { useMap } from 'react-map-gl/maplibre';
import { DeckOverlay } from './deck-overlay.tsx';
import { buildLayers, facilityGroupsFor } from './layers/build-layers.ts';
import { TILE_SOURCES, type TileSource } from './layer-keys.ts';
import type { Visibility } from './layer-visibility.ts';
import type { Selection } from './feature-card.tsx';

// Each deck layer is named after its tile source, so a picked layer's id says what was clicked.
function sourceOfLayer(id: string | undefined): TileSource | undefined {
  return TILE_SOURCES.find((source) => source === id);
}

function selectionFrom(info: PickingInfo): Selection | null {
  const source = sourceOfLayer(info.layer?.id);
  const properties = (info.object as { properties?: Record<string, unknown> } | null)?.properties;
  return source && properties ? { source, properties } : null;
}

interface PublicLayersProps {
  visible: Visibility;
  onSelect: (selection: Selection | null) => void;
}

export function PublicLayers({ visible, onSelect }: PublicLayersProps) {
  const { current: map } = useMap();
  const { schools, health } = visible;
  // Stable unless a facility toggle changes: a new array would rebuild every facility tile.
  const groups = useMemo(() => facilityGroupsFor({ schools, health }), [schools, health]);
  const layers = useMemo(() => buildLayers(visible, groups), [visible, groups]);

  const onHover = useCallback(
    (info: PickingInfo) => {
      const canvas = map?.getCanvas();
      if (canvas) canvas.style.cursor = info.object ? 'pointer' : '';
    },
    [map],
  );
  const onClick = useCallback((info: PickingInfo) => onSelect(selectionFrom(info)), [onSelect]);

  return <DeckOverlay layers={layers} onHover={onHover} onClick={onClick} pickingRadius={6} />;
}
