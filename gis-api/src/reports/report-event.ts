// The payload of report events: public fields only (never contact data, notes or reasons), the same
// shape for every step so subscribers can update a map without asking for the report again.
import type { ReportStatus } from '@ioc/sql';

export interface EventFacts {
  id: string;
  status: ReportStatus;
  categoryCode: string;
  unitId: number | null;
  adminUnitId: number | null;
  lng: number;
  lat: number;
  createdAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
}

/** `action` is the history action, e.g. 'submitted', 'acknowledged'. */
export function publicPayload(r: EventFacts, action: string): Record<string, unknown> {
  return {
    id: r.id,
    action,
    // The GraphQL enum's spelling, as clients know it.
    status: r.status.toUpperCase(),
    categoryCode: r.categoryCode,
    unitId: r.unitId,
    adminUnitId: r.adminUnitId,
    lat: r.lat,
    lng: r.lng,
    createdAt: r.createdAt.toISOString(),
    ackDueAt: r.ackDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
  };
}
