# The one task runner: the README and CI both call these targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo run console test lint typecheck pytest bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The bot's main job on embedded defaults (SQLite, console adapter, shipped corpus).
demo: setup
	$(BIN)/flashback demo

## The whole bot, long-running (console adapter when no tokens are set).
run: setup
	$(BIN)/flashback run

console: setup
	$(BIN)/flashback console

## Everything CI checks: lint, types, the test suite.
test: setup lint typecheck pytest

lint: setup
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks
	$(BIN)/hadolint -t warning Dockerfile

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -q $(PYTEST_ARGS)

## Regenerate the README's configuration reference and .env.example from bot/settings.py.
docs: setup
	$(BIN)/flashback settings docs

## Benchmarks: measured by hand, never part of the test verdict.
bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
