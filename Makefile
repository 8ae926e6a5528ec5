# Paracelsus: `make run` runs every source then dbt on the embedded stack; `make test` tests it.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PARACELSUS := $(BIN)/python -m paracelsus_stack
MELTANO_PLUGINS_STAMP := meltano/.meltano/.plugins-installed
# The project's own plugins (meltano/<kind>/<plugin>/) are installed by copy: their code
# counts too.
MELTANO_FILES := $(wildcard meltano/meltano.yml meltano/*/*.meltano.yml \
	meltano/*/*/pyproject.toml meltano/*/*/*/*.py)
JOB ?= elt-all
SCALE ?= 1667

.PHONY: help setup run test test-unit lint browser up down status psql seed el-hubspot el-postgres el-s3 el-all deletes full-refresh reconcile check-config docs orchestrate bench clean

help: ## Show every target
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  \033[36m%-13s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required (set PYTHON=/path/to/python3.11)"'
	@echo "==> creating virtualenv $(VENV)"
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> installing Python dependencies into $(VENV)"
	@$(BIN)/python -m pip install -qq --upgrade pip uv
	@$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	@touch $@

$(MELTANO_PLUGINS_STAMP): $(VENV)/.installed $(MELTANO_FILES)
	@$(PARACELSUS) install-plugins
	@touch $@

setup: $(MELTANO_PLUGINS_STAMP) ## Create the virtualenv and install Meltano and its plugins

run: setup ## Start the stack, seed the sources, run `meltano run elt-all`, print a summary
	@$(PARACELSUS) run --job $(JOB)

up: setup ## Start the embedded stack (PostgreSQL, S3, HubSpot mock + proxy)
	@$(PARACELSUS) up

down: ## Stop exactly what `make up` started
	@if [ -x $(BIN)/python ]; then $(PARACELSUS) down; fi

status: ## Show every service with its address and the warehouse URL
	@$(PARACELSUS) status

psql: ## Open a psql shell on the warehouse
	@$(PARACELSUS) psql

seed: ## Seed the OLTP database and the S3 bucket (idempotent)
	@$(PARACELSUS) seed

el-hubspot: setup ## Run only the HubSpot extract-load (stack must be up)
	@$(PARACELSUS) meltano run el-hubspot

el-postgres: setup ## Run only the OLTP extract-load
	@$(PARACELSUS) meltano run el-postgres

el-s3: setup ## Run only the S3 CSV extract-load
	@$(PARACELSUS) meltano run el-s3

el-all: setup ## Run every extract-load without dbt
	@$(PARACELSUS) meltano run el-all

deletes: setup ## Flag rows deleted/archived at the sources (FULL_TABLE pass), then dbt
	@$(PARACELSUS) meltano run elt-deletes

full-refresh: setup ## Reload JOB (default elt-all) ignoring saved state; same result
	@$(PARACELSUS) meltano run --full-refresh $(JOB)

reconcile: $(VENV)/.installed ## Compare every source with the warehouse (counts + checksums)
	@$(PARACELSUS) reconcile

check-config: $(VENV)/.installed ## Validate every prod setting (env + meltano/.env) before a run
	@$(PARACELSUS) check-config

docs: setup ## Generate the dbt docs and serve them on 127.0.0.1:PARACELSUS_DOCS_PORT (58080)
	@$(PARACELSUS) docs

orchestrate: setup ## Start Dagster (webserver + daemon) on 127.0.0.1:PARACELSUS_DAGSTER_PORT (53000)
	@$(PARACELSUS) orchestrate

bench: setup ## Benchmarks at SCALE (default 1667 = 1M case reviews): throughput vs COPY, memory
	@$(BIN)/python -m bench --scale $(SCALE)

lint: $(VENV)/.installed ## ruff and sqlfluff
	@echo "==> ruff"
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@echo "==> sqlfluff"
	@$(BIN)/sqlfluff lint dbt

test-unit: $(VENV)/.installed ## Fast unit tests only
	@$(BIN)/pytest -q -m "not e2e"

browser: ## Install Debian's chromium for the browser tests (as root; apt-get)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "chromium is missing: run 'sudo apt-get install -y chromium' (Debian) first" >&2; exit 1; fi; \
	  echo "==> installing chromium (Debian package, for the browser tests)"; \
	  mkdir -p .stack/logs; log=.stack/logs/apt-chromium.log; \
	  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >$$log 2>&1 || { \
	    echo "apt-get install chromium failed; see $$log" >&2; tail -n 5 $$log >&2; exit 1; }; }

test: setup lint browser ## Install everything needed, then run unit and end-to-end tests
	@echo "==> pytest (unit + end-to-end on a private stack)"
	@# --durations: the suite's budget is 25 minutes, so each run names its slowest tests.
	@$(BIN)/pytest -q -rA --durations=15

clean: down ## Stop the stack and remove local state, plugins and the virtualenv
	rm -rf .stack meltano/.meltano dbt/target $(VENV)
