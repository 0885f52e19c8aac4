# Gongkai — two commands on a fresh machine:
#   make run    set up (venv, install, migrate, demo data) and serve http://127.0.0.1:8000 on SQLite
#   make test   set up what the suite needs and run it
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup migrate demo lint browser bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p var

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@$(PY) manage.py demo_info
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the end-to-end test (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium 未安装：请执行 sudo apt-get install chromium（端到端测试将跳过）"; fi; }

# axe-core (npm) for the accessibility checks inside the browser tests.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; touch $@; \
	else echo "npm 未安装：无障碍检查将跳过"; fi

test: setup browser node_modules/axe-core/axe.min.js
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/clock_bench.py
	$(PY) bench/workbench_bench.py
	$(PY) bench/search_bench.py --docs 20000
	$(PY) bench/report_bench.py --small
	$(PY) bench/auditor_bench.py
	$(PY) bench/published_audit_bench.py --organs 100

clean:
	rm -rf $(VENV) var node_modules
