#!/usr/bin/env bash
# The whole test suite, the same locally (`make test`) and in CI (`.ci/run`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Compiled modules are kept (__pycache__, ignored by git): the checks below import the project
# once, and the test workers then read it compiled instead of compiling it again each.
unset PYTHONDONTWRITEBYTECODE

echo "== ruff check"; .venv/bin/ruff check .
echo "== ruff format --check"; .venv/bin/ruff format --check .

echo "== migrations are up to date"
DEBUG=1 $PY manage.py makemigrations --check --dry-run

echo "== deployment checks with production-like settings"
DEBUG=0 \
  DJANGO_SECRET_KEY="check-deploy-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  NPS_ENCRYPTION_KEY="check-deploy-encryption-key-0123456789abcdef" \
  API_SECRET_KEY="check-deploy-api-secret-0123456789abcdef" \
  JWT_SECRET_KEY="check-deploy-jwt-secret-0123456789abcdef" \
  ALLOWED_HOSTS="nps.example.com" \
  EMAIL_HOST="smtp.example.com" \
  $PY manage.py check --deploy --fail-level WARNING

echo "== translations compile"
if command -v msgfmt >/dev/null 2>&1; then
  for po in locale/*/LC_MESSAGES/*.po; do
    msgfmt --check -o /dev/null "$po"
    stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
    if [[ "$stats" == *untranslated* || "$stats" == *fuzzy* ]]; then
      echo "$po: $stats — translate every entry ('make messages', then edit the .po)." >&2
      exit 1
    fi
    msgfmt -o "${po%.po}.mo.check" "$po"
    if ! cmp -s "${po%.po}.mo.check" "${po%.po}.mo"; then
      rm -f "${po%.po}.mo.check"
      echo "$po: the committed .mo is out of date; run 'make messages'." >&2
      exit 1
    fi
    rm -f "${po%.po}.mo.check"
  done
else
  echo "WARNING: gettext (msgfmt) is not installed; the .po/.mo check is skipped here (CI installs it)." >&2
fi

echo "== services"
eval "$($PY scripts/test_services.py)"

echo "== pytest"
# Redis waits are short in production (0.5 s); on a test machine busy with PostgreSQL, Chromium and
# parallel workers an answer can take longer, and a timeout would switch rate limits to per-process
# counting in the middle of a test. The outage tests set their own timeouts.
export REDIS_SOCKET_TIMEOUT="${REDIS_SOCKET_TIMEOUT:-5}"
# Development secrets; pytest-django still runs every test with DEBUG off.
export DEBUG=1
# Two workers (more are slower: the two cores also run PostgreSQL and Chromium); work stealing, so
# the long schemathesis and browser tests do not leave one worker finishing alone.
# The plugins the suite uses, named: pytest otherwise loads every installed one (faker, anyio) and
# rewrites the asserts of every module of their packages in each worker (seconds, every run).
export PYTEST_DISABLE_PLUGIN_AUTOLOAD=1
PLUGINS=(-p xdist.plugin -p pytest_django.plugin -p _hypothesis_pytestplugin -p schemathesis.pytest.plugin)
$PY -m pytest "${PLUGINS[@]}" -n "${PYTEST_WORKERS:-2}" --dist "${PYTEST_DIST:-worksteal}" "$@"
