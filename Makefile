# Wijkpunt — the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/wijkpunt
CHROMIUM ?= /usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: demo test install install-test chromium lint test-sqlite test-postgres bench serve messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

## make demo: install, create the SQLite database under var/, load the demo, serve on :8000
demo: install
	mkdir -p var
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt migrate --noinput
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt createcachetable
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt collectstatic --noinput --verbosity 0
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt demo
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt triage retrain
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt serve

serve: install
	WIJKPUNT_DEMO=1 $(BIN)/wijkpunt serve

## make test: install what the tests need and run the whole suite on SQLite and PostgreSQL,
## side by side (each run's output appears in one piece when it ends)
test: install-test chromium lint
	@echo "== Test suite on SQLite and on PostgreSQL, side by side =="
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-sqlite:
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL WIJKPUNT_SUITE_RUN=sqlite $(BIN)/pytest

test-postgres:
	@echo "== Test suite on PostgreSQL =="
	@$(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.replace('/wijkpunt','/postgres'), connect_timeout=5).close()" \
	  || { echo "PostgreSQL is not reachable at $(PG_TEST_URL): start it (see README)"; exit 1; }
	DATABASE_URL=$(PG_TEST_URL) WIJKPUNT_SUITE_RUN=postgres $(BIN)/pytest

## make bench: every benchmark, one JSON line per figure
bench: install-test
	env -u DATABASE_URL WIJKPUNT_DEMO=1 $(BIN)/wijkpunt bench
	DATABASE_URL=$(PG_TEST_URL) WIJKPUNT_DEMO=1 $(BIN)/wijkpunt bench

messages:
	cd src/wijkpunt && for app in core accounts partners housing audit portal workspace demo signalling triage intake inbox api open311 outreach surveys followup households directory; do \
	  (cd $$app && WIJKPUNT_DEMO=1 ../../../$(BIN)/wijkpunt makemessages -l nl_BE -l fr -l en --no-obsolete >/dev/null); done
	cd src/wijkpunt && WIJKPUNT_DEMO=1 ../../$(BIN)/wijkpunt compilemessages >/dev/null

clean:
	rm -rf $(VENV) var
