# The two commands in the README. Each does all of its own set-up on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
PACKS  := $(wildcard packs/*/pyproject.toml)
PACK_DIRS := $(patsubst %/pyproject.toml,%,$(PACKS))
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest browser bench clean

# ruff runs without its cache: a cache shared by several editors once hid a real finding.
# A stamp file remembers the install, so repeated runs are quick; it is redone when any
# pyproject changes.
$(STAMP): pyproject.toml $(PACKS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' $(foreach d,$(PACK_DIRS),-e $(d))
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/wellbeing demo

lint: $(STAMP)
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/ruff format --no-cache --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The browser tests open the reports in Debian's headless Chromium; install it once if missing.
# Without root or a package index the tests say so and skip, rather than the build failing.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) \
		>/dev/null 2>&1 || echo "make: chromium could not be installed; the browser tests will skip"

pytest: $(STAMP) browser
	$(PY) -m pytest -q -p no:cacheprovider

test: lint typecheck pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
