#!/usr/bin/env bash
# The whole check, as README's second command runs it and CI runs it: lint, format, types,
# import contracts (the core never imports the UI), then the test suite.
#
# Runs inside the virtual environment whose python is $PYTHON (default: .venv/bin/python).
# Starts a throwaway PostgreSQL for the store tests when it can (always under CI=true).
# Under CI=true also installs LibreOffice and a CJK font for the format tests when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export PYTHON=$PY

echo "== ruff (lint, format)"
"$PY" -m ruff check .
"$PY" -m ruff format --check .
echo "== mypy"
bash scripts/typecheck.sh
echo "== import contracts"
# grimp reads packages from the file system: give it the installed layout (.typecheck,
# built by typecheck.sh) so store/ and tui/ are seen as reportaudit.store / reportaudit.tui.
PYTHONPATH=.typecheck "$(dirname "$PY")/lint-imports"

if [ -z "${REPORTAUDIT_TEST_PG_URL:-}" ]; then
  if [ "${CI:-}" = "true" ] || command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "== starting a throwaway PostgreSQL for the store tests"
    eval "$(bash scripts/pg-test-server.sh)"
    trap 'bash scripts/pg-test-server.sh stop >/dev/null 2>&1 || true' EXIT
  fi
fi

if [ "${CI:-}" = "true" ]; then
  echo "== system packages for the format tests (LibreOffice, a CJK font)"
  bash scripts/system-deps.sh
fi

echo "== pytest"
"$PY" -m pytest -q "$@"
