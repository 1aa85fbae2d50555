// Per-request batch loaders for reports and what hangs off them, so a page of 100 reports with their
// category, history, reporter, candidates and media costs a handful of queries instead of hundreds.
import DataLoader from 'dataloader';
import type { Category } from '../categories/category.repository.ts';
import type { MediaRecord } from '../media/media.repository.ts';
import type { User } from '../users/user.repository.ts';
import type { CandidateRow, Report, ReporterRow, ReportHistoryRow } from './report.repository.ts';
import type { ReportService } from './report.service.ts';

export interface ReportLoaders {
  report: DataLoader<string, Report | null>;
  category: DataLoader<number, Category | null>;
  history: DataLoader<string, ReportHistoryRow[]>;
  reporter: DataLoader<string, ReporterRow | null>;
  candidates: DataLoader<string, CandidateRow[]>;
  /** The media of each report the viewer may see (one viewer per request). */
  media(viewer: User | null): DataLoader<string, MediaRecord[]>;
  /** Makes reports already read (a page) known to `report`, so references to them cost nothing. */
  prime(reports: readonly Report[]): void;
}

export function createReportLoaders(service: ReportService): ReportLoaders {
  const repo = service.reports;
  const report = one(
    (ids: readonly string[]) => repo.byIds(ids),
    (r) => r.id,
  );
  const category = one(
    (ids: readonly number[]) => repo.categoriesByIds(ids),
    (c) => c.id,
  );
  const history = many(
    (ids: readonly string[]) => repo.history(ids),
    (h) => h.reportId,
  );
  const reporter = one(
    (ids: readonly string[]) => repo.reporters(ids),
    (r) => r.reportId,
  );
  const candidates = many(
    (ids: readonly string[]) => repo.duplicateCandidates(ids),
    (c) => c.reportId,
  );
  const media = new Map<number | null, DataLoader<string, MediaRecord[]>>();
  return {
    report,
    category,
    history,
    reporter,
    candidates,
    media(viewer) {
      const key = viewer?.id ?? null;
      let loader = media.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids: readonly string[]) => {
          const grouped = (await service.neighbours.media()?.forReports(ids, viewer)) ?? new Map();
          return ids.map((id) => grouped.get(id) ?? []);
        });
        media.set(key, loader);
      }
      return loader;
    },
    prime(reports) {
      for (const r of reports) report.prime(r.id, r);
    },
  };
}

function one<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V | null> {
  return new DataLoader(async (keys: readonly K[]) => {
    const found = new Map((await load(keys)).map((v) => [keyOf(v), v]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

function many<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V[]> {
  return new DataLoader(async (keys: readonly K[]) => {
    const groups = new Map<K, V[]>();
    for (const v of await load(keys)) {
      const list = groups.get(keyOf(v));
      if (list) list.push(v);
      else groups.set(keyOf(v), [v]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
