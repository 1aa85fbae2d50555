// Reads the bundled open data (data/ at the repo root); a missing or malformed file is named with its problem.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data');

export class DataFileError extends Error {
  override name = 'DataFileError';
}

export interface Feature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export function readFeatures(relativePath: string, expectGeometry: string[], dataDir = DATA_DIR): Feature[] {
  const file = path.join(dataDir, relativePath);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DataFileError(`${file}: missing (the bundled data folder is incomplete; see data/SOURCES.md)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const fc = json as { type?: string; features?: unknown };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new DataFileError(`${file}: not a GeoJSON FeatureCollection`);
  }
  fc.features.forEach((f: Feature, i: number) => {
    if (!f || f.type !== 'Feature' || !f.geometry || !expectGeometry.includes(f.geometry.type)) {
      throw new DataFileError(
        `${file}: feature ${i} has geometry ${f?.geometry?.type ?? 'none'}, expected ${expectGeometry.join(' or ')}`,
      );
    }
    f.properties ??= {};
  });
  return fc.features as Feature[];
}

/** Text as stored: NFC (some OSM names spell tone marks as combining characters), trimmed, null when empty. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).normalize('NFC').trim();
  return s === '' ? null : s;
}
