# Lodestar: `make run` serves the site, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test bench load soak lint format messages clean

$(BIN)/python:
	$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: install, migrate, load the default content, then serve on http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime
	HTTPS=$${HTTPS:-false} $(BIN)/python manage.py prepare_site
	HTTPS=$${HTTPS:-false} exec $(BIN)/python -m lodestar.serve

## test: ruff, Django checks, pytest on SQLite (and PostgreSQL when DATABASE_URL is set), browser tests
test: $(VENV)/.dev
	scripts/test.sh

## bench: server time and queries of learning pages, certificates, an organization's dashboard and the blog (BENCH_DATABASE_URL for PostgreSQL)
bench: $(VENV)/.dev
	$(BIN)/python -m bench.learning
	$(BIN)/python -m bench.certificates
	$(BIN)/python -m bench.organizations
	$(BIN)/python -m bench.newsletter
	$(BIN)/python -m bench.blog

## load: the production server under wrk at 32 connections on a large data set, with reference lines (BENCH_DATABASE_URL for PostgreSQL; needs Debian's wrk and nginx)
load: $(VENV)/.dev
	$(BIN)/python -m bench.load

## soak: 32 learners for SOAK_SECONDS (600) against granian on PostgreSQL (SOAK_DATABASE_URL, SOAK_REDIS_URL)
soak: $(VENV)/.dev
	$(BIN)/python -m bench.soak

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: extract new translatable strings into locale/es (then translate them)
messages: $(VENV)/.runtime
	HTTPS=false $(BIN)/python manage.py makemessages -l es --no-location --no-obsolete \
		--ignore ".venv/*" --ignore "staticfiles/*" --ignore "var/*" --ignore "e2e/*"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
