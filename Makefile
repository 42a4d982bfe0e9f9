# JobMate developer entry points. `make dev` runs the whole mesh and the web app; `make test` runs the test suite.
# Both build everything they need from nothing but Python 3.11; Node 20 builds the web app (`make dev`
# skips it, saying so, when npm is missing) and runs `make test-web` and `make proto-lint`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PROTOS := $(shell find proto/jobmate -name '*.proto')
PROTO_STAMP := proto/.generated
PYTEST_ARGS ?=
# The web app's sources (the generated src/gql is left out: it is made from gateway/schema.graphql).
WEB_SOURCES := $(shell find web/src web/public web/test -type f -not -path 'web/src/gql/*' 2>/dev/null) \
	web/index.html web/package.json web/package-lock.json web/vite.config.ts web/vitest.config.ts \
	web/tsconfig.json web/codegen.ts gateway/schema.graphql

.PHONY: dev web test test-web conformance eval test-faults load proto proto-lint schema deploy-check lint bench lock clean

# The project itself is installed editable (pyproject.toml): its packages and the generated jobmate.*
# modules import from anywhere in the venv, so `python -m gateway` works in an activated venv.
$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(PROTO_STAMP): $(VENV)/.installed $(PROTOS)
	$(PY) -m grpc_tools.protoc -I proto --python_out=proto --grpc_python_out=proto \
		--plugin=protoc-gen-mypy=$(VENV)/bin/protoc-gen-mypy --mypy_out=proto \
		--plugin=protoc-gen-mypy_grpc=$(VENV)/bin/protoc-gen-mypy_grpc --mypy_grpc_out=proto $(PROTOS)
	touch $@

proto: $(PROTO_STAMP)  ## generate importable jobmate.* modules with type stubs

node_modules/.installed: package.json package-lock.json
	# `npm ci` rejects the lock over buf's per-platform optional packages (npm/cli#4828); the version is
	# pinned exactly in package.json and package-lock.json, so `npm install` is just as reproducible.
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# buf breaking checks every first-parent commit since the baseline that touches proto/ against its parent
# (and uncommitted changes against HEAD), so a renumbered field fails here naming its commit even when the
# tip is main; a shallow clone is deepened from origin first. The test proves the checker catches one.
proto-lint: node_modules/.installed $(VENV)/.installed  ## buf lint (STANDARD) and buf breaking on each change since the baseline
	cd proto && ../node_modules/.bin/buf lint
	$(PY) -m pytest -q tests/unit/test_proto_breaking.py
	$(PY) -m devtools.proto_breaking

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Rebuilt only when a source changed; the gateway serves web/dist at /.
web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html  ## build the web app (Node 20, versions pinned by web/package-lock.json)

dev: $(PROTO_STAMP)  ## run the whole mesh and the web app (embedded PostgreSQL and Redis unless DATABASE_URL/REDIS_URL are set)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory web; \
	else echo "make dev: npm not found, so the web app is not built (install Node 20); the API runs without it"; fi
	$(PY) -m devtools.devstack

test: $(PROTO_STAMP)  ## the test suite: needs nothing outside this repository
	$(PY) -m pytest $(PYTEST_ARGS)

test-web: $(PROTO_STAMP) web  ## the web app: its unit tests (vitest), then browser tests in headless Chromium
	cd web && npm test
	$(PY) -m pytest -m web tests/web $(PYTEST_ARGS)

conformance: $(PROTO_STAMP) web  ## tests against the real-world fixtures in ../shared/fixtures (the web funnel too)
	$(PY) -m pytest -m conformance tests/conformance $(PYTEST_ARGS)

eval: $(PROTO_STAMP)  ## quality figures on real data outside the repo (../shared/fixtures, EVAL_DATA_DIR): python -m evals [SECTION]
	$(PY) -m evals $(EVAL_ARGS)

test-faults: $(PROTO_STAMP)  ## the fault suite: the real mesh under process kills, Redis and PostgreSQL faults
	$(PY) -m pytest -m faults tests/faults $(PYTEST_ARGS)

load: $(PROTO_STAMP)  ## a 60 s load run against the gateway (locust), with a figures report
	$(PY) -m tests.load $(LOAD_ARGS)

schema: $(PROTO_STAMP)  ## rewrite gateway/schema.graphql (the SDL the web app is typed from) from the code
	$(PY) -m gateway.sdl

deploy-check: $(VENV)/.installed  ## validate compose, Kubernetes manifests and the Dockerfile offline
	$(PY) deploy/check.py

lint: $(PROTO_STAMP)
	$(VENV)/bin/ruff check .

bench: $(PROTO_STAMP)  ## run every benchmark and write docs/benchmarks.md
	$(PY) -m bench

lock:  ## re-resolve requirements*.in into exact pins
	$(PY) -m piptools compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(PY) -m piptools compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links -c requirements.lock -o requirements-dev.lock requirements-dev.in

clean:
	find proto/jobmate -name '*_pb2*.py*' -delete; rm -f $(PROTO_STAMP)
	rm -rf $(VENV) node_modules .pytest_cache web/node_modules web/dist web/src/gql
