// What the report service needs from its neighbours (the category classifier and media storage), as the
// narrow interfaces it codes against; either may be missing, and the service then degrades gracefully.
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import type { MediaRecord } from '../media/media.repository.ts';
import type { User } from '../users/user.repository.ts';

export interface CategorySuggester {
  /** Best first; `confidence` 0..1. */
  suggest(text: string, k?: number): Array<{ code: string; confidence: number }>;
}

/** MediaService's side of the contract. */
export interface ReportMedia {
  /** Links uploaded media to a report (and the history step they belong to) inside the caller's transaction. */
  attach(
    tx: Kysely<DB>,
    args: { mediaIds: string[]; reportId: string; reportEventId?: string | null },
  ): Promise<unknown>;
  /** The media of these reports that the viewer may see, grouped by report id. */
  forReports(reportIds: readonly string[], viewer: User | null): Promise<Map<string, MediaRecord[]>>;
}

/** Late-bound: the neighbours are wired into Services beside the report service, possibly after it. */
export interface ReportNeighbours {
  classifier(): CategorySuggester | undefined;
  media(): ReportMedia | undefined;
}
