# Gongkai — two commands on a fresh machine:
#   make run    set up (venv, install, migrate, demo data) and serve http://127.0.0.1:8000 on SQLite
#   make test   set up what the suite needs and run it
#   make test-dates   the date-sensitive tests, twice, with today pinned either side of a new year
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The development settings of `make run` and its steps, set explicitly: DEBUG=1 gives a fixed
# development key, local host names, plain HTTP and no second factor (gongkai/settings.py). Without
# it the settings are production's and refuse to start without SECRET_KEY and ALLOWED_HOSTS.
DEV_ENV := DEBUG=1

.PHONY: system run serve test test-dates test-stack setup migrate demo lint browser bench clean worker bench-load

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) system
	mkdir -p var

# Debian packages the product needs at run time: WeasyPrint's libraries (letter PDFs; without
# harfbuzz-subset it falls back to a font tool ~30x slower) and CJK fonts for the PDFs' text.
# The auditor: LibreOffice (DOC/WPS/XLS/ET/ODT/ODS), poppler (PDF pages as images) and tesseract
# with its Simplified Chinese model (scanned reports). The PostgreSQL RUM index (ranked full-text
# search without scoring every match) for the server of this machine, when one is installed here.
PG_RUM := $(shell ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 | sed 's/^\(.\+\)$$/postgresql-\1-rum/')
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils tesseract-ocr tesseract-ocr-chi-sim $(PG_RUM)
system:
	@missing="$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "缺少系统软件包：$$missing（请执行 sudo apt-get install $$missing；缺少时文书PDF无法生成或很慢）"; fi; fi

migrate: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(PY) manage.py load_demo

run: demo
	@$(DEV_ENV) $(PY) manage.py demo_info --base http://$(HOST):$(PORT)
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The production stack on this machine (DEBUG off): collectstatic, migrate, the job worker with the
# scheduler, gunicorn with 3 workers. HTTP only because it binds to a loopback address (deploy/serve.sh).
serve: setup
	HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

# The job worker and the scheduler (Huey; gongkai/jobs): the queue in var/jobs.sqlite3, or Redis with
# REDIS_URL, and the settings of the environment (production unless DEBUG=1). `make run` needs none:
# with DEBUG=1 jobs run at once in the request (HUEY_IMMEDIATE). Further workers on other machines:
# WORKER_ARGS=--no-periodic (one scheduler only).
worker: setup
	HUEY_IMMEDIATE=0 $(PY) manage.py run_huey $(WORKER_ARGS)

# Debian's chromium for the end-to-end test (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium 未安装：请执行 sudo apt-get install chromium（端到端测试将跳过）"; fi; }

# pytest-xdist: the suite on every core (-n auto). --dist worksteal hands each worker one half of
# the tests in collection order and lets an idle worker take the tail of the other's queue: each
# worker keeps pytest-django's order (transactional tests, which empty the database, last) and a
# module's expensive fixture (e.g. the demo load of demo/tests/test_reports.py) is rarely built twice.
# `make test` runs the whole suite but `stack`, the heavy tests (browser walks) included.
XDIST ?= -n auto --dist worksteal

test: setup browser  # axe-core: the axe-playwright-python wheel (dev extras)
	$(PY) -m pytest $(XDIST)

# The tests whose outcome depends on "today" (gongkai/law/today.py): the clock and calendar, case
# workflows, letters, holidays, the demo, publishing (索引号 year, presets, consultations, Art. 26
# deadline), annual reports (deadlines, reminders, default years) and the auditor's default year.
# They run twice: GONGKAI_TODAY pinned to the last day of the last year with confirmed holiday data,
# then to the first Monday of the next year (provisional working days). Tests that pin a date
# themselves (pin_today) keep their pin. Both runs always happen; the target fails if either does.
# Not the `heavy` browser walks (`make test` runs them once): the date rules they pass through are
# asserted here without a browser (e.g. the 索引号 year in publishing/tests/test_workflow.py).
TEST_DATES ?= 2026-12-31 2027-01-04
DATE_TESTS := \
	gongkai/law/tests/test_today.py $(wildcard gongkai/law/tests/test_clock*.py) \
	gongkai/law/tests/test_calendar.py gongkai/law/tests/test_holiday_rules.py \
	gongkai/law/tests/test_identifiers.py gongkai/law/tests/test_privacy.py \
	gongkai/applications gongkai/holidays gongkai/letters gongkai/portal gongkai/demo \
	gongkai/publishing/tests/test_workflow.py gongkai/publishing/tests/test_public_pages.py \
	gongkai/publishing/tests/test_publish_due.py \
	gongkai/reports/tests/test_checks.py \
	gongkai/reports/tests/test_compute.py gongkai/reports/tests/test_views.py \
	gongkai/reports/tests/test_workflow.py gongkai/reports/tests/test_rollup.py \
	gongkai/auditor/tests/test_published.py gongkai/auditor/tests/test_command_and_page.py

test-dates: setup
	@status=0; for day in $(TEST_DATES); do \
	  echo "== GONGKAI_TODAY=$$day"; \
	  GONGKAI_TODAY=$$day $(PY) -m pytest $(XDIST) -m 'not stack and not heavy' $(DATE_TESTS) || status=1; \
	done; exit $$status

# The real stack as `make serve` starts it (gunicorn with 3 workers, the job worker, SQLite) on a
# scratch directory, checked over HTTP (tests/stack; marked `stack`, so `make test` skips it).
test-stack: setup
	$(PY) -m pytest tests/stack -m stack

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/clock_bench.py
	$(PY) bench/workbench_bench.py
	$(PY) bench/search_bench.py --docs 20000
	$(PY) bench/public_pages_bench.py --docs 20000
	$(PY) bench/report_bench.py --small
	$(PY) bench/auditor_bench.py
	$(PY) bench/published_audit_bench.py --organs 100

# The served stack through a local nginx with wrk (issue 12; not in `bench`: minutes long). Needs nginx
# and wrk (apt-get install nginx-light wrk). BENCH_ARGS, e.g. --duration 10 or --db postgres.
bench-load: setup
	$(PY) bench/load_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
