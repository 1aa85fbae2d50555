// Mounts deck.gl over the MapLibre map as a map control (overlaid, not interleaved) and keeps its props current.
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import { useControl } from 'react-map-gl/maplibre';

export function DeckOverlay(props: MapboxOverlayProps) {
  const overlay = useControl<MapboxOverlay>(() => new MapboxOverlay({ ...props, interleaved: false }));
  overlay.setProps({ ...props, interleaved: false });
  return null;
}
