# agstats — the two commands: `make report` (main job) and `make test` (every test).
# Both create .venv on first use from the exact pins in constraints.txt and reuse it afterwards.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PY     := $(BIN)/python

.PHONY: all report test unit nbtest notebooks lab bench validate clean distclean help

all: report

help:
	@echo "make report     set up .venv, execute the notebooks into _build and render the site"
	@echo "make test       set up .venv, run every test (unit, doctests, data, notebooks, site)"
	@echo "make notebooks  re-execute the committed notebooks in place (after a data change)"
	@echo "make lab        JupyterLab on notebooks/"
	@echo "make validate   validate the data package"
	@echo "make bench      run the benchmarks"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,report]"
	@touch $(STAMP)

venv: $(STAMP)

validate: $(STAMP)
	$(BIN)/agstats validate

report: $(STAMP)
	$(BIN)/agstats validate
	$(BIN)/agstats indicators

test: $(STAMP)
	$(PY) -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf _build .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV)
