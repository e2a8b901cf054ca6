# make test: create .venv on first use, install the project with its test and training extras, lint, run the tests.
# make play: the same virtual environment with only what playing needs installed, then start the game.
VENV := .venv
TEST_STAMP := $(VENV)/.test-stamp
PLAY_STAMP := $(VENV)/.play-stamp
PYTHON := $(shell for p in python3.12 python3.11; do $$p -c 'import sys' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: test lint play clean

$(VENV)/bin/python:
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 or 3.11 is needed (neither python3.12 nor python3.11 runs here)" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet -e '.[test,train]'
	touch $(TEST_STAMP)

$(PLAY_STAMP): pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet -e .
	touch $(PLAY_STAMP)

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: lint
	SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=$${SDL_AUDIODRIVER:-dummy} $(VENV)/bin/python -m pytest

play: $(PLAY_STAMP)
	$(VENV)/bin/python run_game.py

clean:
	rm -rf $(VENV)
