# Two commands on a fresh machine (Python 3.11 + pip):
#   make run   - install, ingest corpus/raw/ into data/vnextract.db, print a summary
#   make test  - install with the test extras, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/vnextract.db
STAMP := $(VENV)/.installed

.PHONY: install run test evaluate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,serve,scale]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/vnextract ingest corpus/raw --db $(DB)

test: install
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/vnextract evaluate corpus/annotated/seeds.jsonl
	test ! -f ../shared/corpus/annotated/dev.jsonl || $(BIN)/vnextract evaluate ../shared/corpus/annotated/dev.jsonl

bench: install
	$(BIN)/vnextract bench --articles 200 --jobs 2

clean:
	rm -rf $(VENV) data build *.egg-info
