# One entry point for setting up, testing and demonstrating the project.
#
# The development environment is installed from uv.lock (exact versions, with hashes) by uv, itself pinned by hash
# in tools/uv.txt and kept under the home folder's cache; the Pulumi CLI and its hosts come from scripts/pulumi-tools.sh.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CACHE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/zoom-blocklist-provider
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' tools/uv.txt)
UV_HOME := $(CACHE)/uv-$(UV_VERSION)
UV := $(UV_HOME)/bin/uv
PULUMI_SDK_VERSION := $(shell sed -n 's/^PULUMI_SDK_VERSION=//p' tools/versions.env)
# uv must use the machine's Python, never download one, and keep .venv where the README says it is.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# uv installs without bytecode unless asked, and where PYTHONDONTWRITEBYTECODE=1 is set (these machines, many CI
# runners and images) every process then compiles all it imports on every start: each provider process the engine
# starts, twice per refresh. Compiled at install, the native plugin answers its first call in a third of the time.
export UV_COMPILE_BYTECODE := 1

.PHONY: setup test lint typecheck unit go-build go-test clean demo cli tools-lock lock lock-check both-ends sdk docs \
	nodejs-sdk dist registry-tools

$(UV): tools/uv.txt
	PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes \
	  --upgrade --target $(UV_HOME) -r tools/uv.txt

lock-check: $(UV)
	@$(UV) lock --check --quiet || { \
	  echo "uv.lock does not match pyproject.toml: run 'make lock' and commit uv.lock with the change" >&2; exit 1; }

$(STAMP): $(UV) pyproject.toml uv.lock Makefile
	@$(MAKE) --no-print-directory lock-check
	$(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	@# The project and the generated SDK are editable installs, which uv leaves uncompiled: their bytecode goes
	@# beside their sources (__pycache__, ignored by git), and Python recompiles whatever is edited after.
	$(BIN)/python -m compileall -q zoom_blocklist_provider sdk/python
	touch $(STAMP)

# The CLI, once there is one (make cli), is linked into .venv/bin: `pulumi` works after `source .venv/bin/activate`.
setup: $(STAMP)
	@if found=$$(scripts/pulumi-tools.sh --find 2>/dev/null); then \
	  scripts/link-pulumi.sh "$$(printf '%s\n' "$$found" | tail -n1)" $(BIN); fi

# Every locked version anew within pyproject's ranges; the pulumi SDK stays at the version named in tools/versions.env.
lock: $(UV)
	$(UV) lock --upgrade --upgrade-package pulumi==$(PULUMI_SDK_VERSION)

lint: $(STAMP) lock-check
	$(BIN)/ruff check zoom_blocklist_provider tests benchmarks examples templates __main__.py
	$(BIN)/ruff format --check zoom_blocklist_provider tests benchmarks examples templates __main__.py

typecheck: $(STAMP)
	$(BIN)/mypy --strict zoom_blocklist_provider

# The CLI suite needs the Pulumi CLI: get it where it can be had (a build where Go is present); where it cannot, the
# suite skips with the reason, unless ZOOM_BLOCKLIST_REQUIRE_CLI is set (CI), where the missing CLI fails it.
unit: $(STAMP)
	@scripts/pulumi-tools.sh >/dev/null || [ -z "$$ZOOM_BLOCKLIST_REQUIRE_CLI" ]
	@# The docs' shell samples run `pulumi` as a reader does after activating .venv: link the CLI there.
	@$(MAKE) --no-print-directory setup
	$(BIN)/pytest -n 3 --dist loadscope

# Go's own test runner after pytest: the Go SDK vetted, the Go tests run (tests/go: mocks, and Go programs through
# the real CLI by the Automation API).
test: lint typecheck unit go-test

# The Go modules: the SDK (sdk/), the Go tests and the Automation API example, each locked by its go.sum (make
# tools-lock). go-build downloads and compiles all they need, a step of its own in CI (.ci/run), as make cli is: cold,
# it takes minutes; then go-test vets and runs them in seconds. Where there is no Go, both say so and pass, unless
# ZOOM_BLOCKLIST_REQUIRE_CLI is set (CI), where they fail.
GO_MODULES := sdk tests/go examples/automation-go
GO := GOTOOLCHAIN=local GOFLAGS=-mod=readonly go
NO_GO = { echo "make $@: go is not on PATH: install Go 1.26 to build and test the Go SDK" >&2; \
  [ -z "$$ZOOM_BLOCKLIST_REQUIRE_CLI" ]; }

go-build:
	@command -v go >/dev/null || { $(NO_GO); exit; }; \
	  for module in $(GO_MODULES); do (cd $$module && $(GO) mod download && $(GO) vet ./...) || exit 1; done

go-test: $(STAMP)
	@command -v go >/dev/null || { $(NO_GO); exit; }; \
	  for module in $(GO_MODULES); do (cd $$module && $(GO) vet ./...) || exit 1; done; \
	  cd tests/go && $(GO) test -count=1 ./...

# The suite on the lowest versions pyproject's ranges allow, then on the newest (each in its own virtualenv).
both-ends: $(UV)
	UV=$(UV) scripts/both-ends.sh

# The Pulumi CLI and its language hosts: one on PATH, a cached build, or a build from Go modules (tools/versions.env).
# Where .venv exists, the CLI and its hosts are linked into .venv/bin as well (scripts/link-pulumi.sh).
cli:
	@found=$$(scripts/pulumi-tools.sh) && tools=$$(printf '%s\n' "$$found" | tail -n1) && \
	  echo "The Pulumi CLI and its hosts are in $$tools" && if [ -d $(BIN) ]; then scripts/link-pulumi.sh "$$tools" $(BIN); fi

# What the template tests run besides the CLI: Verdaccio (the npm registry they start) and Node.js 22, from the lock
# files of tools/verdaccio and tools/node, into the home folder's cache (the tests install them if missing).
registry-tools:
	@scripts/registry-tools.sh >/dev/null

# The native provider's schema (sdk/schema.json) and SDKs (sdk/python, sdk/nodejs), from its code, and the API
# reference docs/api/ from the same schema; commit them.
sdk: $(STAMP)
	scripts/gen-sdk.sh
	@$(MAKE) --no-print-directory docs

# The API reference (docs/api/*.md) from the schema: one page per resource and one for the provider.
docs: $(STAMP)
	$(BIN)/python -m zoom_blocklist_provider.native.docs docs/api

# The Node.js SDK built with its locked packages (strict tsc) and packed: dist/zoom-blocklist-provider-zoom-*.tgz.
nodejs-sdk:
	scripts/build-nodejs-sdk.sh dist

# The release for this platform in dist/ (or DIST_DIR): the plugin tarball (no Python needed), both wheels, the npm
# tarball and SHA256SUMS. PLUGIN_DOWNLOAD_URL=<url> names another release location than pyproject.toml's
# "Plugin downloads" (the schema and SDKs are then generated anew for it, with the CLI's tools: make cli); it goes
# through unexpanded, so the ${VERSION} the engine fills in stays.
PLUGIN_DOWNLOAD_URL ?=
DIST_DIR ?= dist
dist: $(UV)
	PYTHON=$(PYTHON) UV=$(UV) PLUGIN_DOWNLOAD_URL='$(value PLUGIN_DOWNLOAD_URL)' scripts/dist.sh '$(DIST_DIR)'

# Write every go.mod and go.sum (tools/pulumi/*, sdk, tests/go, examples/automation-go) afresh from tools/versions.env.
tools-lock:
	scripts/lock-tools.sh

# The quickstart through the real Pulumi CLI against a local Zoom emulator.
demo: setup
	scripts/demo.sh

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
