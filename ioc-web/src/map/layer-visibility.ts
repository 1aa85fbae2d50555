// What is actually drawn: the user's choice, except that a source the server lacks stays off.
import {
  isOptionalSource,
  LAYER_KEYS,
  SOURCE_OF_LAYER,
  type LayerKey,
  type OptionalSource,
} from './layer-keys.ts';
import type { Availability } from './use-source-availability.ts';

export type Visibility = Readonly<Record<LayerKey, boolean>>;

export function effectiveVisibility(
  choices: Visibility,
  availability: Readonly<Record<OptionalSource, Availability>>,
): Visibility {
  const result = {} as Record<LayerKey, boolean>;
  for (const key of LAYER_KEYS) {
    const source = SOURCE_OF_LAYER[key];
    const reachable = !isOptionalSource(source) || availability[source] === 'available';
    result[key] = choices[key] && reachable;
  }
  return result;
}
