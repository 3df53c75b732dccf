# Two commands for learners and maintainers (see README.md):
#   make lab    set up (first time only), build the course, open JupyterLab
#   make test   set up, build, lint, run the whole test suite
# Everything lives in .venv inside this folder; nothing is installed system-wide.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# what only `make test` needs: the hub (a class through JupyterHub), Playwright, the hub's proxy
TEST_INSTALLED := $(VENV)/.installed-test
LAB_ARGS ?=
PYTEST_ARGS ?=
# nbgrader runs `alembic` as a program, so the environment's bin/ must be on PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: install build lab test lint doctor datasets clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "This course needs Python 3.11 or newer; '$(PYTHON)' is older." \
	         "Install a newer Python or run: make PYTHON=python3.12 ..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(INSTALLED)

$(TEST_INSTALLED): $(INSTALLED) pyproject.toml deploy/jupyterhub/package-lock.json
	$(BIN)/python -m pip install --quiet -e ".[test,hub,e2e]"
	@# JupyterHub's proxy, for the academy hub's test (skipped without npm)
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix deploy/jupyterhub --no-audit --no-fund --silent; \
	else echo "npm not found: the JupyterHub tests will be skipped (apt-get install npm)"; fi
	@touch $(TEST_INSTALLED)

build: install
	$(BIN)/investigator-course build

lab: build
	$(BIN)/investigator-course lab $(LAB_ARGS)

lint: install
	$(BIN)/ruff check investigator_course tests benchmarks course/lessons deploy

test: build lint $(TEST_INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

doctor: install
	$(BIN)/investigator-course doctor

datasets: install
	$(BIN)/investigator-course datasets

clean:
	rm -rf course/release course/solution course/gradebook.db course/source/*/data
