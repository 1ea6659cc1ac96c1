# One entry point for setting up, testing and demonstrating the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup test lint typecheck unit clean demo cli tools-lock

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

# The Pulumi CLI and its language hosts: one on PATH, a cached build, or a build from Go modules (tools/versions.env).
cli:
	scripts/pulumi-tools.sh >/dev/null

# Write tools/pulumi/*/go.mod and go.sum afresh from tools/versions.env.
tools-lock:
	scripts/lock-tools.sh

# The quickstart through the real Pulumi CLI against a local Zoom emulator; says how to install the CLI if absent.
demo: setup
	scripts/demo.sh

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
