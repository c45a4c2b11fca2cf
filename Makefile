# The kit's commands; each builds the virtual environment it needs.
#   make roundtrip - the instructor's nbgrader round trip on simulated students, grade table
#   make test      - the kit's own tests (graders proven; nbgrader round trip; leak scan)
#   make grade     - grade your work in exercises/ (SOLUTION=reference grades the reference)
#   make student-bundle - the students' pytest bundle in dist/
#   make bench     - a class of 20 graded by serial nbgrader autograde and by coursekit autograde
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
SOLUTION ?= exercises

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	# pytest's rewritten bytecode of the plugins every run loads (hypothesis's hundred modules,
	# the kit's), written once: where PYTHONDONTWRITEBYTECODE is set, each run rewrote them
	env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest -q -n 0 --collect-only > /dev/null
	touch $@

venv: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/pytest tests --dist loadfile --no-loadscope-reorder

grade: $(STAMP)
	$(VENV)/bin/pytest --solution=$(SOLUTION)

roundtrip: $(STAMP)
	$(VENV)/bin/coursekit roundtrip build/roundtrip

student-bundle: $(STAMP)
	$(VENV)/bin/coursekit student-bundle dist

bench: $(STAMP)
	$(VENV)/bin/coursekit bench build/bench

.PHONY: venv test grade roundtrip student-bundle bench
