# agstats — the two commands: `make report` (main job) and `make test` (every test).
# Both create .venv on first use from the exact pins in constraints.txt and reuse it afterwards.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PY     := $(BIN)/python

.PHONY: all report test notebooks lab bench validate clean distclean help venv

all: report

help:
	@echo "make report     set up .venv, execute the notebooks (both editions) into _build and render the site:"
	@echo "                _build/html/en/ (English), _build/html/vi/ (Vietnamese), _build/html/index.html offers both"
	@echo "make test       set up .venv, run every test (unit, doctests, data, notebooks, site)"
	@echo "make notebooks  re-execute the committed notebooks of both editions in place (after a data change)"
	@echo "make lab        JupyterLab on notebooks/ (Vietnamese twins in notebooks/vi/)"
	@echo "make validate   validate the data package"
	@echo "make bench      run the benchmarks (prints a table, writes benchmarks/results.json)"
	@echo "make site       re-render the site reusing executed notebooks; make site-serve serves it"
	@echo "make site-test  only the site's tests (generators, build failures, Chromium)"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[plot,notebooks,test,report]"
	@touch $(STAMP)

venv: $(STAMP)

# axe-core (the accessibility test's rules, tests/test_site_a11y.py), vendored from npm into .venv
# at set-up time; the tests run offline. Without npm the accessibility test skips, saying so.
AXE_VERSION := 4.14.1
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix $(VENV)/npm --no-save --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION); \
	else echo "make: npm not found: axe-core not installed, the accessibility test will skip (apt-get install npm)" >&2; fi

# The PDFs (scripts/pdf.py) are printed by Debian's Chromium: installed here when root, else a clear stop.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "make report: Chromium is needed for the PDFs (scripts/pdf.py): run 'apt-get install chromium' as root" >&2; exit 1; fi; }

validate: $(STAMP)
	$(BIN)/agstats validate

# The students' site: validate the data, execute every notebook into _build/site_src (the
# committed notebooks stay untouched), render with Jupyter Book into _build/html. Fails on a
# failing cell or any build warning. See scripts/build_site.py and site/.
report: $(STAMP) $(AXE) chromium
	$(BIN)/agstats validate
	$(PY) scripts/build_site.py

.PHONY: site site-test site-serve

# Re-render the site after editing site/, reusing the executed notebooks in _build/site_src
# (a notebook changed since is executed again).
site: $(STAMP)
	$(PY) scripts/build_site.py --reuse-executed

# Serve _build/html on http://127.0.0.1:8000/ (opening index.html directly works too; search shows
# page excerpts only when served).
site-serve:
	$(PY) -m http.server --bind 127.0.0.1 --directory _build/html 8000

# Only the site's tests (generators, build failures, Chromium); screenshots in _build/screenshots/.
site-test: $(STAMP) $(AXE)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(TEST_ORDER) tests/test_site.py tests/test_site_phone.py tests/test_site_vi.py tests/test_site_builds.py tests/test_site_downloads.py tests/test_site_pdf.py tests/test_site_a11y.py tests/test_site_cache.py

# Two workers (the machines have 2 cores); --dist loadfile keeps each file on one worker, which
# nbval needs and which lets the site tests build the site once (a session fixture per worker).
# TEST_WORKERS=0 runs everything in one process. Files are handed out in the order of
# tests/conftest.py (the long ones first: FIRST), not by their number of tests. The real site's
# build (and its PDFs) is reused from _build/test-cache/ when its inputs are unchanged;
# AGSTATS_TEST_REBUILD=1 builds it again (README: "How the tests stay fast").
TEST_WORKERS ?= 2
TEST_ORDER := --no-loadscope-reorder
test: $(STAMP) $(AXE)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(TEST_ORDER)

# Re-execute the committed notebooks in place (after a data change), each in a fresh kernel.
notebooks: $(STAMP)
	$(PY) scripts/execute_notebooks.py --inplace

bench: $(STAMP)
	$(PY) benchmarks/run.py

lab: $(STAMP)
	@echo "make lab: English notebooks in notebooks/, their Vietnamese twins in notebooks/vi/"
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf _build .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV)
