// The TileJSON 3.0.0 JSON Schema (mapbox/tilejson-spec @ 84008d7, 3.0.0/schema.json, CC-BY), compiled once.
import fs from 'node:fs';
import { Ajv } from 'ajv';

const schema = JSON.parse(
  fs.readFileSync(new URL('../fixtures/tilejson-3.0.0.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

export const validateTileJson = new Ajv({ strict: false }).compile(schema);
