# The two set-up commands: `make demo` and `make test`. Each creates or reuses
# .venv and installs what it needs (again only when pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check lint typecheck bench docs links clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# uv installs the stack in seconds (compiled to bytecode: this machine sets
	@# PYTHONDONTWRITEBYTECODE, so nothing would be cached later); pip is the fallback.
	@if $(BIN)/python -m pip install -q --disable-pip-version-check uv 2>/dev/null; then \
		$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]'; \
	else \
		$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'; \
	fi
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/careerlib demo --out reports

# The tests run in parallel, one test file a worker (a file's fixtures, such as
# notebook runs shared by its tests, are made once), the slowest files first in
# the order tests/conftest.py collects them (xdist would otherwise reorder the
# files by their number of tests). auto is one worker a core and one more (the
# tests wait much of their time: tests/conftest.py); PYTEST_WORKERS=0 runs them
# one after another. benchmarks/suite.py measures both side by side.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(BIN)/ruff check careerlib tests benchmarks notebooks
	$(BIN)/ruff format --check careerlib tests benchmarks notebooks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

# The docs site (docs/ and the API reference from the docstrings) into site/;
# tests/test_docs.py builds it with --strict in `make test`, as CI does.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

# Every link in the README, the docs and the data's READMEs (offline).
links: $(STAMP)
	$(BIN)/python -m tests.links .

bench: $(STAMP)
	$(BIN)/python benchmarks/schedule.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build site *.egg-info
