# Nexus Jobs. `make run` serves the API with demo data; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install lock run serve test lint format schema seed seed-scale bench loadtest clean-data

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

# constraints.txt anew from the installed environment (after `pip install -U ...` and a passing `make test`).
lock: install
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

run: install
	$(PY) scripts/dev.py run

# The production server (gunicorn + uvicorn workers, see config/gunicorn.conf.py) against DATABASE_URL.
serve: install
	$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/gunicorn -c config/gunicorn.conf.py config.asgi:application

test: install
	$(PY) scripts/dev.py test -- $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy nexus/*/services.py nexus/*/selectors.py nexus/search/collecting.py
	$(PY) scripts/dev.py with-database -- $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerates the committed OpenAPI schema after an intended API change.
schema: install
	$(PY) scripts/dev.py with-database -- $(PY) manage.py spectacular --file schema/openapi.yaml --validate --fail-on-warn

seed: install
	$(PY) scripts/dev.py with-database -- $(PY) manage.py seed_demo

# Scale data: JOBS jobs with their companies, employers, seekers and taxonomy (COPY; add --reset by hand to start over).
JOBS ?= 1000000
seed-scale: install
	$(PY) scripts/dev.py with-database -- $(PY) manage.py seed_jobs --jobs $(JOBS)

# Requests/s and latency of the job endpoints on BENCH_JOBS (1,000,000) jobs, seeding when short; prints figures only.
bench: install
	$(PY) scripts/dev.py with-database -- $(PY) scripts/bench.py

# The production server under a realistic mix on LOAD_JOBS (1,000,000) jobs, next to its ceiling; needs wrk.
loadtest: install
	@command -v wrk >/dev/null || (echo "loadtest needs wrk: apt-get install wrk" && exit 1)
	$(PY) scripts/dev.py with-database -- $(PY) scripts/loadtest.py

clean-data:
	rm -rf .data
