# LearnLoop: `make demo` serves the demo school; `make test` runs everything CI runs.
# The Makefile bootstraps its own virtualenv (.venv) from nothing.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Set before the rules that name them: make expands a rule's prerequisites as it reads it.
KATEX_DIST := node_modules/katex/dist
KATEX_DIR := src/learnloop/web/static/vendor/katex
KATEX_STAMP := $(KATEX_DIR)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/learnloop
CHROMIUM ?= /usr/bin/chromium
PORT ?= 8000
# The suite runs in parallel (pytest-xdist), one worker more than the machine has cores:
# its browser tests spend part of their time waiting on Chromium, which the extra worker
# fills (docs/development.md, "Tests"). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; f = getattr(os, "sched_getaffinity", None); \
  print(min(8, (len(f(0)) if f else os.cpu_count() or 1) + 1))')
PYTEST = $(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist worksteal
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
PHONY_I18N := messages compilemessages
.PHONY: help install assets demo serve test test-js test-sqlite test-postgres lint typecheck fmt contracts migrations-check browser-deps bench bench-venv clean $(PHONY_I18N)

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) $(KATEX_STAMP) ## Create .venv and install LearnLoop with its pinned dependencies and front-end assets
	@$(MAKE) --no-print-directory compilemessages

# The translation catalogues (docs/development.md, "Translating"). The compiled .mo files
# are committed, so a machine without GNU gettext still reads every language.
LOCALE_DIR := src/learnloop/locale
MAKEMESSAGES := cd src/learnloop && PYTHONPATH=.. DJANGO_SETTINGS_MODULE=learnloop.config.settings.test \
	../../$(BIN)/python -m django makemessages --add-location=file --ignore "*/tests/*" \
	--ignore "testing/*" --ignore "engine/tests/*" --ignore "migrations/*"

messages: $(STAMP) ## Gather new strings into locale/*/django.po, then compile them
	$(MAKEMESSAGES) -l es -l ar
	@$(MAKE) --no-print-directory compilemessages

compilemessages: ## Compile locale/*/django.po to .mo (needs msgfmt; the .mo files are committed)
	@if command -v msgfmt >/dev/null; then \
	  for po in $(LOCALE_DIR)/*/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done; \
	else echo "msgfmt not found (GNU gettext): using the committed .mo files"; fi

# Front-end assets from npm (package.json, pinned by package-lock.json), copied where the app
# serves them itself (whitenoise; never a CDN). Without npm the pages still work: math
# stays as raw LaTeX.

$(KATEX_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && \
	  rm -rf $(KATEX_DIR) && mkdir -p $(KATEX_DIR)/fonts && \
	  cp $(KATEX_DIST)/katex.min.js $(KATEX_DIST)/katex.min.css $(KATEX_DIR)/ && \
	  cp $(KATEX_DIST)/fonts/* $(KATEX_DIR)/fonts/ && \
	  cp node_modules/katex/LICENSE $(KATEX_DIR)/LICENSE && touch $@; \
	else echo "WARNING: npm not found; math is shown as raw LaTeX (no KaTeX)"; fi

assets: $(KATEX_STAMP) ## Install the pinned front-end assets (KaTeX) under web/static/vendor/

demo: install ## Migrate, seed the demo school, serve it on http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(BIN)/learnloop demo --port $(PORT)

serve: install ## Serve with gunicorn on 0.0.0.0:$(PORT) for a classroom LAN
	$(BIN)/learnloop serve --port $(PORT)

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check src benchmarks
	$(BIN)/ruff format --check src benchmarks

fmt: install ## Format and fix what ruff can
	$(BIN)/ruff format src benchmarks
	$(BIN)/ruff check --fix src benchmarks

typecheck: install ## mypy on the engine (pure, fully typed)
	$(BIN)/mypy src/learnloop/engine

contracts: install ## The engine never imports Django or a web app
	$(BIN)/lint-imports

migrations-check: install ## Fail when a model change has no migration
	DJANGO_SETTINGS_MODULE=learnloop.config.settings.test $(BIN)/python -m django makemigrations --check --dry-run

browser-deps: ## Debian's Chromium for the browser tests (installed when missing)
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || { echo "Could not install chromium (need root and the Debian mirror)"; exit 1; }; }

test-sqlite: install browser-deps ## The whole suite on the embedded SQLite database
	env -u DATABASE_URL $(PYTEST)

test-postgres: install browser-deps ## The whole suite on PostgreSQL ($$DATABASE_URL or 127.0.0.1:5432)
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python scripts/pg_reachable.py "$$url"; then \
	  DATABASE_URL="$$url" $(PYTEST); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL is required (REQUIRE_POSTGRES set) but $$url is not reachable"; exit 1; \
	else \
	  echo "WARNING: PostgreSQL not reachable at $$url; PostgreSQL run skipped (CI requires it)"; \
	fi

test-js: ## The browser's grader against the golden grading table (node's own test runner)
	@if command -v node >/dev/null; then node --test src/learnloop/content/tests/js/; \
	else echo "WARNING: node not found; the browser grader's tests skipped"; fi

test: lint typecheck contracts migrations-check test-js test-sqlite test-postgres ## Lint, contracts, migrations, whole suite on SQLite and PostgreSQL

BENCH_VENV := .bench-venv
BENCH_STAMP := $(BENCH_VENV)/.installed-stamp

$(BENCH_STAMP):
	@test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q numpy==2.3.5 scikit-learn==1.7.2 pandas==3.1.1 setuptools wheel==0.48.0
	$(BENCH_VENV)/bin/python -m pip install -q --no-binary pybkt --no-build-isolation pybkt==1.4.3
	@touch $@

bench-venv: $(BENCH_STAMP) ## The benchmark peer: pyBKT built from source (C++ core) in .bench-venv

bench: install bench-venv ## Run every benchmark under benchmarks/ and print its tables
	@for script in benchmarks/[a-z]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## Remove the virtualenv, caches and local data
	rm -rf $(VENV) $(BENCH_VENV) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
