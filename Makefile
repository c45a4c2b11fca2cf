# The kit's two commands; each builds the virtual environment it needs.
#   make test   - the kit's own tests (they grade the reference, stubs, mutants, alternatives)
#   make grade  - grade your work in exercises/ (SOLUTION=reference grades the reference)
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
SOLUTION ?= exercises

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

venv: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/pytest tests

grade: $(STAMP)
	$(VENV)/bin/pytest --solution $(SOLUTION)

.PHONY: venv test grade
