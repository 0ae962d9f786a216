# Two commands for a fresh machine with only Python 3.11+, pip and GNU make (Windows, without
# make: the same steps are in the README):
#   make brief   -- the main job: the council briefing for the shipped example, in briefing/
#   make test    -- the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: brief test install lint clean browser-check

# CI only, after `make test` (never part of it: it needs Debian's packages and root): open the
# briefing for the shipped example in headless Chromium, check it and print it to PDF.
# Artefacts (briefing/, briefing.pdf, briefing-page1.png) land in the git-ignored ci-artifacts/.
ARTIFACTS := ci-artifacts
BROWSER_DEBS := chromium chromium-driver poppler-utils fonts-dejavu-core
SELENIUM := selenium==4.51.0

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
	$(BIN)/ruff check src tests benchmarks examples docs .ci
	$(BIN)/ruff format --check src tests benchmarks examples docs .ci
	$(BIN)/lint-imports
	$(BIN)/mypy src/samvalg

lint: install
	$(BIN)/ruff check src tests benchmarks examples docs .ci
	$(BIN)/ruff format --check src tests benchmarks examples docs .ci
	$(BIN)/lint-imports
	$(BIN)/mypy src/samvalg

browser-check: install
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
	    || ! command -v pdfinfo >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "browser-check: needs Debian packages $(BROWSER_DEBS); run as root or install them" >&2; \
	    exit 1; fi; \
	  echo "browser-check: installing $(BROWSER_DEBS) with apt-get"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $(BROWSER_DEBS); } \
	    >/tmp/samvalg-browser-apt.log 2>&1 \
	    || { tail -n 30 /tmp/samvalg-browser-apt.log >&2; exit 1; }; \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$(SELENIUM)"
	rm -rf $(ARTIFACTS)
	mkdir -p $(ARTIFACTS)
	$(BIN)/samvalg brief --out $(ARTIFACTS)/briefing
	$(BIN)/python .ci/browser_check.py $(ARTIFACTS)

clean:
	rm -rf $(VENV) build dist .pytest_cache $(ARTIFACTS)
