# Two commands on a fresh machine (Python 3.11 + pip):
#   make run   - install, ingest corpus/raw/ into data/vnextract.db, print a summary
#   make test  - install with the test extras, run the tests
#   make serve - browse, search and query data/vnextract.db in a browser (read-only)
#   make figures - run notebooks/analyst.ipynb on corpus/raw/ and write docs/img/*.png
#   make model - retrain the NER model into models/ from ../shared/corpus (fixed seed; ~30 min, 1 core)
#   make fuzz  - coverage-guided fuzzing of reading and extraction (atheris), FUZZ_SECONDS in all (default 600)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/vnextract.db
STAMP := $(VENV)/.installed

.PHONY: install run test evaluate bench clean browser serve figures model fuzz gold-texts

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,serve,scale,notebook]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/vnextract ingest corpus/raw --db $(DB)

# the browser test drives Debian's chromium (Playwright's own browser download is not reachable)
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "make: chromium could not be installed; the browser test will skip" >&2

test: install browser
	$(BIN)/python -m pytest -q

serve: install
	$(BIN)/vnextract serve --db $(DB)

figures: install
	rm -rf build/figures
	$(BIN)/vnextract ingest corpus/raw --db build/figures/vnextract.db
	$(BIN)/python notebooks/execute.py --db build/figures/vnextract.db --figures docs/img --output build/figures/analyst.ipynb

evaluate: install
	$(BIN)/vnextract evaluate corpus/annotated/seeds.jsonl
	test ! -f ../shared/corpus/annotated/dev.jsonl || $(BIN)/vnextract evaluate ../shared/corpus/annotated/dev.jsonl

bench: install
	$(BIN)/vnextract bench --articles 200 --jobs 2

# the bench texts that corpus/annotated/bench.jsonl annotates, into build/bench-texts/ (never committed)
gold-texts: install
	$(BIN)/python -m extract.gold_texts --shared ../shared/corpus

# data under build/model/ (publishers' text, never committed), model in models/vnextract-ner-<version>/
model: install
	$(BIN)/python -m extract.train --shared ../shared/corpus

# corpus, logs and any finding under build/fuzz/; exits 1 on a finding
FUZZ_SECONDS ?= 600
fuzz: install
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python -m tests.fuzz --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) data build *.egg-info
