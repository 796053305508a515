# The two commands of the quick start: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python

-include .env
export

.PHONY: run test venv messages bench-engines bench-sky bench-http bench-pages bench-pages-vs-api bench-imports bench-history bench-history-size bench-request-cost clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	[ "$${DEBUG:-1}" = "1" ] || $(PY) manage.py collectstatic --noinput -v0
	DEBUG=$${DEBUG:-1} $(PY) manage.py bootstrap
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:8000

test: venv
	bash scripts/test.sh

messages: venv
	DEBUG=1 $(PY) manage.py makemessages --locale fa --no-obsolete --ignore .venv --ignore staticfiles --ignore bench
	DEBUG=1 $(PY) manage.py compilemessages --locale fa --ignore .venv

bench-engines: venv
	$(PY) bench/engines.py

bench-sky: venv
	$(PY) bench/sky.py

bench-http: venv
	bash bench/http.sh

bench-pages: venv
	$(PY) bench/pages.py

bench-pages-vs-api: venv
	bash bench/pages_vs_api.sh $(READINGS)

# Needs PostgreSQL (a throw-away V4 database and NPS database are created and dropped).
bench-imports: venv
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/nps_bench} DEBUG=1 \
		$(PY) bench/imports.py

bench-history: venv
	$(PY) bench/history_search.py

bench-request-cost: venv
	bash bench/request_cost.sh $(ARGS)

# Pages and list endpoints at 100 and 10,000 readings in the account (production settings on a
# throw-away PostgreSQL database nps_bench_size, dropped afterwards; ARGS e.g. "--requests 50").
bench-history-size: venv
	source bench/production_env.sh && production_env nps_bench_size size && \
		$(PY) bench/history_size.py $(ARGS); status=$$?; \
		psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS nps_bench_size" >/dev/null; \
		exit $$status

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
