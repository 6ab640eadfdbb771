#!/bin/sh
# shop migrations: baton runs this once per release on the active site (release.migrate,
# `compose run -d --name ... migrate`), against that site's database, which is the primary; the
# standby's replica receives the change by replication. It applies each /app/migrations/*.sql not
# yet recorded in schema_migrations, in name order, each file in one transaction with its record,
# so a file is applied completely or not at all, and never twice. Exit non-zero on the first
# failure (what was applied before it stays).
#
# Migrations must be expand changes (docs/database.md): the version before this one keeps running
# on the new schema through the bake and a rollback.
set -eu
: "${PGHOST:?PGHOST must be set (from .env.<site>)}"
: "${PGPORT:?PGPORT must be set (from .env.<site>)}"
PGPASSWORD=$(cat "${PGPASSWORD_FILE:-/run/secrets/pg-password}")
export PGPASSWORD
export PGOPTIONS='-c client_min_messages=warning'

sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

sql -c "CREATE TABLE IF NOT EXISTS schema_migrations (
          version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
applied=0
for file in /app/migrations/*.sql; do
  [ -e "$file" ] || continue
  version=$(basename "$file" .sql)
  if [ "$(sql -c "SELECT 1 FROM schema_migrations WHERE version = '$version'")" = 1 ]; then
    continue
  fi
  echo "applying $version"
  sql --single-transaction -f "$file" \
    -c "INSERT INTO schema_migrations (version) VALUES ('$version')"
  applied=$((applied + 1))
done
echo "$applied migration(s) applied; schema at $(sql -c "SELECT max(version) FROM schema_migrations")"
