# The one task runner: the README and CI both call these targets.
#
# Installs come from the committed locks (requirements-dev.lock for development and CI,
# requirements.lock for the image), so a build a month from now gets the same versions.
# `make lock` brings the locks in line with pyproject.toml after a dependency was added or
# removed (keeping every other pin); `make lock-upgrade` moves every pin to its newest release.
PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
LOCK     := requirements.lock
DEV_LOCK := requirements-dev.lock
# Both locks hold for every Python the project supports (3.11 up; the image runs 3.12).
COMPILE  := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml

.PHONY: setup demo run console test lint typecheck pytest bench docs lock lock-upgrade clean

setup: $(STAMP)

$(STAMP): pyproject.toml $(DEV_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
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

## Regenerate the README's configuration reference and .env.example (from bot/settings.py),
## the README's command table and slack-manifest.yml's usage hints (from bot/chat/usage.py).
docs: setup
	$(BIN)/flashback settings docs

## Benchmarks: measured by hand, never part of the test verdict.
bench: setup
	$(BIN)/python benchmarks/run_all.py

## The locks, after pyproject.toml changed: new dependencies pinned, existing pins kept.
lock: setup
	$(COMPILE) --extra dev -o $(DEV_LOCK)
	$(COMPILE) --constraint $(DEV_LOCK) -o $(LOCK)
	$(BIN)/python -m pip install --quiet -r $(DEV_LOCK)
	@echo "locks updated: review 'git diff $(LOCK) $(DEV_LOCK)', run 'make test', commit both"

## Every pin moved to its newest release (then `make test` before committing).
lock-upgrade: setup
	$(COMPILE) --extra dev --upgrade -o $(DEV_LOCK)
	$(COMPILE) --constraint $(DEV_LOCK) -o $(LOCK)
	$(BIN)/python -m pip install --quiet -r $(DEV_LOCK)

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
