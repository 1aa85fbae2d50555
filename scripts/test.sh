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
step "graphql types drift"; npm run --silent -w gis-api codegen:check
step "web build";        npm run --silent build -w ioc-web
reports="$(mktemp -d)"
tier() { npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$reports/$1.json"; }
step "unit tests";       tier unit
step "database tests (PostgreSQL + PostGIS)"; tier db
step "database tests (embedded PGlite)";      tier embedded
step "end-to-end (embedded platform + Chromium)"; tier e2e
step summary
node scripts/test-summary.mjs "$reports"/unit.json "$reports"/db.json "$reports"/embedded.json "$reports"/e2e.json
