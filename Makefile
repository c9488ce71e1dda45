# The two commands in the README. Each does all of its own set-up on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
PACKS  := $(wildcard packs/*/pyproject.toml)
PACK_DIRS := $(patsubst %/pyproject.toml,%,$(PACKS))
STAMP  := $(VENV)/.installed
DEMO_STAMP := $(VENV)/.installed-demo

.PHONY: demo test lint typecheck pytest floors browser bench clean

# ruff runs without its cache: a cache shared by several editors once hid a real finding.
# Stamp files remember each install, so repeated runs are quick; each is redone when any
# pyproject changes. The demo needs only the library with its report extra and the packs;
# pandas, Arrow and the development tools (mypy, ruff, hypothesis, Jupyter...) come with
# `make test`.
define install
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[$(1)]' $(foreach d,$(PACK_DIRS),-e $(d))
endef

$(STAMP): pyproject.toml $(PACKS)
	$(call install,dev)
	touch $(STAMP)

$(DEMO_STAMP): pyproject.toml $(PACKS)
	$(call install,report)
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
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

# The lowest versions pyproject.toml declares, installed in a throwaway environment, with the
# demo run there (tools/floors.py): about half a minute from pip's cache.
floors: $(STAMP)
	$(PY) tools/floors.py

test: lint typecheck pytest floors

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
