// The shared base map every view draws on: offline style, Hà Nội view, attribution, and the map-ready signal.
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { AttributionControl, Map, NavigationControl } from 'react-map-gl/maplibre';
import { INITIAL_VIEW } from './initial-view.ts';
import { STYLE_URL } from './tile-urls.ts';

// preserveDrawingBuffer keeps the last frame readable, so screenshots and pixel checks see the map.
const CANVAS_CONTEXT = { preserveDrawingBuffer: true } as const;

function markReady(): void {
  document.body.dataset.mapReady = '1';
}

export function BaseMap({ label, children }: { label: string; children?: ReactNode }) {
  // A view switch unmounts the map; the next map must signal readiness afresh.
  useEffect(
    () => () => {
      delete document.body.dataset.mapReady;
    },
    [],
  );
  return (
    <div className="map" data-testid="map" role="region" aria-label={label}>
      <Map
        initialViewState={INITIAL_VIEW}
        mapStyle={STYLE_URL}
        canvasContextAttributes={CANVAS_CONTEXT}
        attributionControl={false}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        onLoad={markReady}
        style={{ position: 'absolute', inset: 0 }}
      >
        {/* The style's sources carry their own attributions (OSM, geoBoundaries, Natural Earth). */}
        <AttributionControl compact position="bottom-right" />
        <NavigationControl showCompass={false} position="bottom-left" />
        {children}
      </Map>
    </div>
  );
}
