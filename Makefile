# Werkpad — the two commands: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_SIZE ?= 300
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/werkpad
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test check lint typecheck migrations-check messages-check test-sqlite test-postgres bench install clean messages

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

demo: install
	WERKPAD_DEMO=true $(BIN)/werkpad migrate --no-input
	WERKPAD_DEMO=true $(BIN)/werkpad collectstatic --no-input -v0
	WERKPAD_DEMO=true $(BIN)/werkpad seed_demo --size $(DEMO_SIZE)
	WERKPAD_DEMO=true $(BIN)/werkpad serve --host $(HOST) --port $(PORT)

check: lint typecheck migrations-check messages-check

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install
	$(BIN)/mypy

migrations-check: install
	WERKPAD_TESTING=1 $(BIN)/werkpad makemigrations --check --dry-run

test: install check
	@bash scripts/run-tests.sh

test-sqlite: install
	$(BIN)/pytest

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

bench: install
	@$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	@bash scripts/run-bench.sh

messages: install
	cd src/werkpad && ../../$(BIN)/werkpad makemessages -l nl -l en -l ar -l fa -l ti -l uk --no-obsolete --ignore "*/tests/*" && ../../$(BIN)/werkpad compilemessages

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache werkpad.sqlite3*

messages-check: install
	@bash scripts/check-messages.sh
