#!/usr/bin/env bash
# `npm test`: static checks, generated-code drift, then every test tier against real parts
# (PostgreSQL + PostGIS, embedded PGlite, Chromium). Needs the machine set up as in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

step() { printf '\n== %s\n' "$*"; }
step typecheck;          npm run --silent typecheck
step lint;               npm run --silent lint
step "db types drift";   bash scripts/codegen-db-types.sh --check
if npm run -w gis-api 2>/dev/null | grep -q 'codegen:check'; then
  step "graphql types drift"; npm run --silent -w gis-api codegen:check
fi
step "web build";        npm run --silent build -w ioc-web
step "unit tests";       npx vitest run --project unit
step "database tests (PostgreSQL + PostGIS)"; npx vitest run --project db
step "database tests (embedded PGlite)";      npx vitest run --project embedded
step "end-to-end (embedded platform + Chromium)"; npx vitest run --project e2e
