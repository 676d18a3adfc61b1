# dl500 — two commands: `make run` (install + start the app) and `make test` (install + all tests).
VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(VENV)/bin/pip
DL500   := $(VENV)/bin/dl500
HOST    ?= 127.0.0.1
PORT    ?= 8500
PYTEST_ARGS ?= -n 2

.PHONY: run test check lint types content labs golden bench browser fmt clean install install-dev docs

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Base install: enough to read, serve and validate (no torch).
$(VENV)/.base: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e .
	touch $@

# Dev install: tests, linters, labs (torch pinned to the CPU wheel), browser driver.
$(VENV)/.dev: pyproject.toml $(VENV)/.base
	$(PIP) install -q -e '.[dev,labs,browser]'
	touch $@

# KaTeX from npm (served by the app, used by `dl500 check`); never committed.
node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.base node_modules/.stamp
install-dev: $(VENV)/.dev node_modules/.stamp

run: install
	$(DL500) serve --host $(HOST) --port $(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

content: install
	$(DL500) check --strict

lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/lint-imports

types: install-dev
	$(VENV)/bin/mypy

check: lint types test content

labs: install-dev
	$(DL500) labs build --changed

golden: install-dev
	DL500_UPDATE_GOLDEN=1 $(PY) -m pytest tests/render tests/web -q -p no:xdist

browser: install-dev
	$(PY) -m pytest tests/browser -p no:xdist

bench: install-dev
	$(PY) benchmarks/check_speed.py
	$(PY) benchmarks/page_speed.py
	$(PY) benchmarks/search_quality.py
	$(PY) benchmarks/search_speed.py

docs: install
	$(PY) -m dl500.bank.reference > docs/front-matter.md
	$(PY) -m dl500.cli.reference > docs/cli.md

fmt: install-dev
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .mypy_cache
