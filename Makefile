# One-command set-up: every target creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := examples/skhcn-thai-nguyen-2025
PORTFOLIO := examples/portfolio

.PHONY: demo test lint typecheck pytest docs bench fuzz mutation mutation-check templates clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kh-tthc validate $(SEED)/plan.toml
	$(BIN)/kh-tthc show $(SEED)/plan.toml
	$(BIN)/kh-tthc schedule $(SEED)/plan.toml --as-of 2025-10-15
	@# The Quý IV/2025 forms the Văn phòng sends the units (docs/forms.md).
	@# SOURCE_DATE_EPOCH (1 Dec 2025) keeps the committed forms byte-for-byte the same.
	SOURCE_DATE_EPOCH=1764547200 $(BIN)/kh-tthc forms $(SEED)/plan.toml --period 2025-Q4 \
	  -o $(SEED)/forms-2025-Q4
	mkdir -p out
	@if command -v soffice >/dev/null 2>&1; then \
	  $(BIN)/kh-tthc render $(SEED)/plan.toml -o out/ke-hoach.docx --pdf; \
	else \
	  $(BIN)/kh-tthc render $(SEED)/plan.toml -o out/ke-hoach.docx; \
	  echo "LibreOffice (soffice) not found: wrote the DOCX only"; \
	fi
	@# The Quý IV/2025 báo cáo, made the day after its data cut-off, compared with Quý III.
	$(BIN)/kh-tthc report $(SEED)/plan.toml $(SEED)/progress-2025-Q4.csv --period 2025-Q4 \
	  --as-of 2025-12-15 --previous $(SEED)/progress-2025-Q3.csv -o out/bao-cao.json
	@if command -v soffice >/dev/null 2>&1; then PDF=--pdf; fi; \
	$(BIN)/kh-tthc report $(SEED)/plan.toml $(SEED)/progress-2025-Q4.csv --period 2025-Q4 \
	  --as-of 2025-12-15 --previous $(SEED)/progress-2025-Q3.csv -o out/bao-cao.docx $$PDF
	@# Across plans: the Văn phòng's agenda, a reminder letter, the dashboard.
	$(BIN)/kh-tthc agenda $(PORTFOLIO) --unit vp --from 2025-12-01 --to 2025-12-31 --as-of 2025-12-15
	$(BIN)/kh-tthc remind $(PORTFOLIO) --as-of 2025-12-15 -o out/cong-van-don-doc.docx
	$(BIN)/kh-tthc dashboard $(PORTFOLIO) --as-of 2025-12-15 -o out/site

test: lint typecheck pytest docs mutation-check

lint: $(STAMP)
	$(BIN)/ruff check src tests tools $(wildcard benchmarks/*.py examples/*/*.py)
	$(BIN)/ruff format --check src tests tools $(wildcard benchmarks/*.py examples/*/*.py)

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

# Branch coverage of src/ is always measured; in CI (KH_TTHC_REQUIRE_SOFFICE=1, where the
# LibreOffice tests must run) the run fails under 95%.
COV_MIN ?= 95
COV_GATE := $(if $(filter 1,$(KH_TTHC_REQUIRE_SOFFICE)),--cov-fail-under=$(COV_MIN),)

pytest: $(STAMP)
	$(BIN)/pytest --cov=kh_tthc --cov-branch --cov-report=term:skip-covered $(COV_GATE)

# Every mutation kept in tests/mutations/ must make the tests named for it fail.
mutation-check: $(STAMP)
	$(BIN)/python tools/mutation_check.py

# Mutation testing of the rule modules over the fast tests (docs/testing.md, [tool.mutmut]
# in pyproject.toml), from scratch each time: mutmut keeps a survivor's result until its
# code changes, and would not try it against new tests. Ends with the score per module
# (tools/mutation_score.py: fails under 90% of the non-equivalent mutants of a module).
# A mutant that loops while growing a list would take the machine's memory: each worker
# is capped at 2.5 GB of address space, and such a mutant dies (it counts as killed).
mutation: $(STAMP)
	rm -rf mutants
	ulimit -v 2500000 && PATH="$(abspath $(BIN)):$$PATH" KH_TTHC_MUTATION=1 \
	  $(BIN)/mutmut run --max-children 2
	$(BIN)/python tools/mutation_score.py

# The documentation site with the API reference from the docstrings (mkdocs.yml), into
# site/; --strict makes every warning (a broken link, a docstring naming a parameter the
# function lacks) an error. Builds offline.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

# The fuzz targets of tests/hostile/fuzz_cases.py with many examples (500 MB, 5 s each).
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	KH_TTHC_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) KH_TTHC_FUZZ_LIMIT_MEMORY=1 KH_TTHC_FUZZ_RANDOM=1 \
	  $(BIN)/pytest -p no:cacheprovider tests/hostile/fuzz_cases.py

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Rebuild the DOCX templates from tools/build_templates.py (commit the result).
templates: $(STAMP)
	$(BIN)/python tools/build_templates.py

clean:
	rm -rf $(VENV) out site .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants .coverage
