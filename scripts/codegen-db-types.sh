#!/usr/bin/env bash
# Regenerates sql/src/schema.ts (kysely table types) from a freshly migrated scratch database.
# With --check, fails when the committed file differs from what the migrations produce.
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
scratch="ioc_codegen_$$"
base="${admin%/*}"
psql "$admin" -qc "create database $scratch" >/dev/null
trap 'psql "$admin" -qc "drop database if exists $scratch" >/dev/null' EXIT
DATABASE_URL="$base/$scratch" npx tsx sql/src/cli/migrate.ts >/dev/null
out="sql/src/schema.ts"
[ "${1:-}" = "--check" ] && out="$(mktemp --suffix=.ts)"
DATABASE_URL="$base/$scratch" npx kysely-codegen --dialect postgres --exclude-pattern spatial_ref_sys --out-file "$out" >/dev/null
npx prettier --stdin-filepath sql/src/schema.ts < "$out" > "$out.fmt" && mv "$out.fmt" "$out"
if [ "${1:-}" = "--check" ]; then
  if ! diff -u sql/src/schema.ts "$out"; then
    echo "sql/src/schema.ts is out of date with the migrations: run npm run db:codegen" >&2
    exit 1
  fi
  echo "sql/src/schema.ts matches the migrations"
fi
