// What every resolver receives: the caller, the domain services, and per-request batch loaders.
import type DataLoader from 'dataloader';
import type { AdminUnit } from './admin-units/admin-unit.repository.ts';
import type { AdminUnitService } from './admin-units/admin-unit.service.ts';
import type { Analytics } from './analytics/analytics.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { AgencyType } from './categories/category.repository.ts';
import type { CategoryService } from './categories/category.service.ts';
import type { ClassifierService } from './classifier/classifier.service.ts';
import type { EventService } from './events/event.service.ts';
import type { FacilityService } from './facilities/facility.service.ts';
import type { MediaService } from './media/media.service.ts';
import type { ReportLoaders } from './reports/report.loaders.ts';
import type { ReportService } from './reports/report.service.ts';
import type { Unit } from './units/unit.repository.ts';
import type { UnitService } from './units/unit.service.ts';
import type { User } from './users/user.repository.ts';

export interface Services {
  auth: AuthService;
  categories: CategoryService;
  /** Suggests a category from a report's text; trained at start-up from data/classifier/. */
  classifier: ClassifierService;
  units: UnitService;
  adminUnits: AdminUnitService;
  facilities: FacilityService;
  events: EventService;
  media: MediaService;
  reports: ReportService;
  analytics: Analytics;
}

export interface Loaders {
  agencyType: DataLoader<string, AgencyType | null>;
  unit: DataLoader<number, Unit | null>;
  adminUnit: DataLoader<number, AdminUnit | null>;
  adminUnitGeometry: DataLoader<number, object | null>;
  reports: ReportLoaders;
}

export interface GraphQLContext {
  /** The signed-in user, or null when anonymous. */
  user: User | null;
  /** The client's address (express req.ip, or the WebSocket's peer), for per-client rate limits. */
  clientIp: string | null;
  services: Services;
  loaders: Loaders;
}
