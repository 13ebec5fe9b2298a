# Two entry points for a fresh machine: `make run` (the TUI on the bundled
# example) and `make test` (the whole suite). Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ontime-support tui --profile examples/profiles/partner.toml --settings examples/settings.toml

test: $(STAMP)
	$(BIN)/python -m pytest

# mypy --strict over the installed package (config: pyproject.toml [tool.mypy]);
# not part of `make test` (.ci/run runs it after the tests).
typecheck: $(STAMP)
	$(BIN)/mypy -p ontime_support

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
