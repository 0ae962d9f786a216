# Two commands for a fresh machine with only Python 3.11+ and pip:
#   make brief   -- the main job: the council briefing for the shipped example, in briefing/
#   make test    -- the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: brief test install lint clean

$(BIN)/samvalg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(BIN)/samvalg

install: $(BIN)/samvalg

brief: install
	$(BIN)/samvalg brief

test: install
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check src tests benchmarks examples

lint: install
	$(BIN)/ruff check src tests benchmarks examples

clean:
	rm -rf $(VENV) build dist .pytest_cache
