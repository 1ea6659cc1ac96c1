# One entry point for setting up, testing and demonstrating the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup test lint typecheck unit clean demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check zoom_blocklist_provider tests benchmarks examples
	$(BIN)/ruff format --check zoom_blocklist_provider tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy --strict zoom_blocklist_provider

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

# The quickstart through the real Pulumi CLI against a local Zoom emulator; says how to install the CLI if absent.
demo: setup
	scripts/demo.sh

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
