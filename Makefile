# Recoupe — two commands: `make demo` (set up + build the example dossier) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint format bench eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/recoupe build examples -o out/examples
	@echo "dossier: out/examples/dossier.json  store: out/examples/recoupe.sqlite"

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks

format: setup
	$(BIN)/ruff format src tests benchmarks

bench: setup
	$(BIN)/recoupe bench -o benchmarks/results/bench.json

# Scores against ../shared (gold and development sets), when it is beside the checkout.
eval: setup
	$(BIN)/python ../shared/dev/seeds/score.py all || true
	$(BIN)/python ../shared/dev/clean/score.py || true
	$(BIN)/python ../shared/dev/timex/score.py --jobs 2 || true

clean:
	rm -rf out .pytest_cache
