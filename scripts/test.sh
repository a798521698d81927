#!/usr/bin/env bash
# Every check, in the order a reviewer would ask for them. Called by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
export HTTPS=false
postgres_url="${DATABASE_URL:-}"
redis_url="${REDIS_URL:-}"
# The SQLite leg is the embedded configuration: no PostgreSQL, no Redis.
unset DATABASE_URL REDIS_URL

step() { printf '\n==> %s\n' "$*"; }

step "ruff"
$bin/ruff check .
$bin/ruff format --check .

step "bandit"
$bin/bandit -q -c pyproject.toml -r .

step "manage.py check, makemigrations --check, compile translations"
$bin/python manage.py check
$bin/python manage.py makemigrations --check --dry-run
$bin/python manage.py compile_translations

step "pytest on SQLite"
$bin/pytest -m "not browser and not postgres_only" -n "${TEST_WORKERS:-auto}"

if [[ "$postgres_url" == postgres* ]]; then
  step "pytest on PostgreSQL (${postgres_url%%@*}@…)"
  # "server" tests run the production server on their own SQLite file: already run above.
  DATABASE_URL="$postgres_url" REDIS_URL="$redis_url" $bin/pytest -m "not browser and not server" -p no:cacheprovider -n "${TEST_WORKERS:-auto}"
else
  step "pytest on PostgreSQL: skipped (set DATABASE_URL=postgres://… to run it)"
fi

step "browser tests (Chromium)"
$bin/pytest -m browser
