# The two quick-start commands: `make demo` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser demo test lint golden clean
# Debian's chromium drives the dashboard's browser tests (never a test tool's own browser download)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# the main job on the project's own sample articles: code them into the store, then read it back
demo: install
	$(BIN)/communique ingest samples/ --published 2024-12-10 --db communique.db
	$(BIN)/communique query events --db communique.db --limit 40
	$(BIN)/communique query quotes --db communique.db --limit 20
	$(BIN)/communique board --db communique.db

test: install browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

golden: install
	$(BIN)/python -m pytest tests/test_golden.py tests/test_web_browser.py --update-golden

clean:
	rm -rf $(VENV) communique.db communique.db-wal communique.db-shm .pytest_cache .mypy_cache .ruff_cache
