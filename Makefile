PY ?= python3
MODEL_DIR ?= $(or $(STANCE_MODEL_DIR),$(HOME)/.local/share/stance/models)

.PHONY: install test lint train evaluate card

install:
	pip install -e ".[test]"

test:
	$(PY) -m pytest

lint:
	ruff check . && ruff format --check .

train:
	stance train --model-dir $(MODEL_DIR)

evaluate:
	stance evaluate --model-dir $(MODEL_DIR) --json report.json --html report.html \
		$(if $(wildcard ../shared/benchmarks),--benchmark ../shared/benchmarks)

card:
	$(PY) -m training.datacard card
