// CI drift check: regenerates the resolver types into a temporary file and fails if they differ from
// the committed src/generated/graphql.ts (someone edited schema/*.graphql without running codegen).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// codegen.ts paths are relative to the workspace folder.
process.chdir(root);

const committedPath = 'src/generated/graphql.ts';
const target = config.generates[committedPath];
if (!target) throw new Error(`codegen.ts does not generate ${committedPath}`);

const outputs = await generate({ ...config, silent: true, generates: { [committedPath]: target } }, false);
const fresh = outputs.find((o: { filename: string }) => o.filename === committedPath)?.content;
if (fresh === undefined) throw new Error(`codegen produced no ${committedPath}`);

const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gis-api-codegen-')), 'graphql.ts');
fs.writeFileSync(tmp, fresh);
const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
if (committed === fresh) {
  console.log(`${committedPath} is up to date with schema/*.graphql`);
} else {
  spawnSync('diff', ['-u', committedPath, tmp], { stdio: 'inherit' });
  console.error(
    `\n${committedPath} is out of date with schema/*.graphql: run \`npm run codegen -w gis-api\` and commit it.`,
  );
  process.exitCode = 1;
}
fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
