// Probes the optional tile sources once per map and reports each as checking, available or unavailable.
import { useEffect, useState } from 'react';
import { OPTIONAL_SOURCES, type OptionalSource } from './layer-keys.ts';
import { probeSource } from './probe-source.ts';
import { INITIAL_VIEW } from './initial-view.ts';

export type Availability = 'checking' | 'available' | 'unavailable';

const ALL_CHECKING = Object.fromEntries(OPTIONAL_SOURCES.map((s) => [s, 'checking'])) as Record<
  OptionalSource,
  Availability
>;

export function useSourceAvailability(): Record<OptionalSource, Availability> {
  const [availability, setAvailability] = useState(ALL_CHECKING);
  useEffect(() => {
    const controller = new AbortController();
    for (const source of OPTIONAL_SOURCES) {
      probeSource(source, INITIAL_VIEW, undefined, controller.signal).then(
        (ok) => setAvailability((prev) => ({ ...prev, [source]: ok ? 'available' : 'unavailable' })),
        () => undefined, // aborted on unmount
      );
    }
    return () => controller.abort();
  }, []);
  return availability;
}
