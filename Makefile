# make test: create .venv on first use, install the project with its test extras, run the tests.
# make play: the same set-up, then start the game.
VENV := .venv
STAMP := $(VENV)/.installed-stamp
PYTHON := $(shell for p in python3.12 python3.11; do $$p -c 'import sys' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: test play clean

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 or 3.11 is needed (neither python3.12 nor python3.11 runs here)" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=$${SDL_AUDIODRIVER:-dummy} $(VENV)/bin/python -m pytest

play: $(STAMP)
	$(VENV)/bin/python run_game.py

clean:
	rm -rf $(VENV)
