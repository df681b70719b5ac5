# eddy — top-level entry points. `make demo` and `make test` work on a fresh Debian 12 machine.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

# Debian packages the build, the demo and the tests need (see ../shared/TOOLCHAIN.md).
PACKAGES := build-essential cmake ninja-build pkg-config python3 antlr4 libantlr4-runtime-dev \
  libfmt-dev libsqlite3-dev sqlite3 libedit-dev libcli11-dev libabsl-dev libsimdjson-dev \
  nlohmann-json3-dev libxxhash-dev libfast-float-dev libgtest-dev libgmock-dev libbenchmark-dev ccache

# Kafka (issue 15): librdkafka for the kafka and upsert-kafka connectors, and a JRE and Maven for
# the tests' broker, whose jars deps fetches from Maven Central once (tests/kafka/broker.sh).
KAFKA_PACKAGES := librdkafka-dev maven default-jre-headless
PACKAGES += $(KAFKA_PACKAGES)
# bench-kafka: the benchmark table's Kafka cases (source alone, Kafka to Kafka, the timeout query
# Kafka to Kafka; 1 and 4 partitions) against a test broker started for them.
KAFKA_BENCH_DIR ?= /tmp/eddy_bench/kafka

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo test install test-sanitize fuzz bench bench-duckdb clean format

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	tests/kafka/broker.sh fetch
	@$(MAKE) --no-print-directory python-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: deps build
	cd examples && ../$(BUILD_DIR)/eddy --mode box demo.sql

test: deps build flink-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Headers, libeddy.so, the CMake package (find_package(eddy)), eddy.pc and the shell, under PREFIX
# (docs/api.md, "Building against eddy"): make install PREFIX=$$HOME/.local
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# Every test again under AddressSanitizer and UndefinedBehaviorSanitizer (a Debug build in
# build-asan; UB halts the test that hits it), except the packaging tests (they link programs
# against the installed library without the sanitizer runtime, and check a release build's
# symbols) and the tests whose other half is a JVM or Python process (the Kafka broker, Flink,
# the Python package: the sanitizer runtime would have to be preloaded into those).
test-sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEDDY_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -LE "packaging|kafka|conformance|python"

# ---- test-tsan (issue 14): the sink's writer thread (AsyncSink), the connector unit tests (they
# read files on decode threads; the nexmark source generates ahead on threads), the keyed exchange's unit tests (keyed operators on parallel
# instances) and the SQL logic tests' 'parallelism' 2 run (sql/*.test, no [variant]) under ThreadSanitizer, in build-tsan. Not part
# of `make test`.
.PHONY: test-tsan
test-tsan: deps
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDDY_TSAN=ON
	cmake --build build-tsan -j $(JOBS) --target eddy_runtime_tests eddy_connectors_tests eddy_operators_tests eddy_sqltest
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --output-on-failure -j $(JOBS) -R "^AsyncSink|^ChunksAhead|^NexmarkSource|^ParallelTextSource|^CsvSource|^JsonlSource|^SourceResume|^KeyedOperators"
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) -L sql -E '\['
# ----

# The libFuzzer targets of tests/fuzz (the SQL front end, the text decoders, checkpoint restore),
# built with clang, ASan and UBSan in build-fuzz and run FUZZ_SECONDS each; an input that crashes
# one is kept under tests/fuzz/regressions/ (docs/testing.md, "Fuzzing").
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES := clang libclang-rt-14-dev
fuzz:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDDY_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_sql fuzz_text_source fuzz_checkpoint
	tests/fuzz/run_fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# The benchmark table (each case in its own process; docs/benchmarks.md), then the Google Benchmark
# micro-benchmarks. BENCH_ARGS go to the table, e.g. make bench BENCH_ARGS='--only core --repeat 3'.
BENCH_ARGS ?=
bench: deps build
	$(BUILD_DIR)/bench/eddy_e2e $(BENCH_ARGS)
	[ ! -x $(BUILD_DIR)/bench/eddy_bench ] || $(BUILD_DIR)/bench/eddy_bench

.PHONY: bench-kafka
bench: bench-kafka
bench-kafka: deps build
	EDDY_KAFKA_WATCH_PID=$$PPID tests/kafka/broker.sh start $(KAFKA_BENCH_DIR)  # lives while make does
	EDDY_KAFKA_BOOTSTRAP=$$(cat $(KAFKA_BENCH_DIR)/bootstrap) \
	  EDDY_KAFKA_TOOL=$(BUILD_DIR)/tests/kafka/kafka_tool \
	  $(BUILD_DIR)/bench/eddy_e2e --only kafka $(BENCH_ARGS); \
	  status=$$?; tests/kafka/broker.sh stop $(KAFKA_BENCH_DIR); exit $$status

# The core file workloads against DuckDB batch queries on the same files (Node and the
# @duckdb/node-api package from npm, installed into bench/duckdb/node_modules; not part of
# make deps or make test). Checks that DuckDB's result rows are eddy's.
# BENCH_ROWS sets the input size of both (default: the issue's 3M events); eddy runs on one core
# (issue 10's targets), DuckDB on all; BENCH_PARALLELISM=N gives eddy N.
BENCH_ROWS ?= 3000000
BENCH_PARALLELISM ?= 1
bench-duckdb: build
	[ -d bench/duckdb/node_modules/@duckdb/node-api ] || (cd bench/duckdb && npm install --no-audit --no-fund)
	$(BUILD_DIR)/bench/eddy_e2e --only core --rows $(BENCH_ROWS) --parallelism $(BENCH_PARALLELISM) \
	  --csv-out /tmp/eddy_bench/core.csv
	node bench/duckdb/run.mjs --rows $(BENCH_ROWS) --eddy-csv /tmp/eddy_bench/core.csv

# ---- Side by side with Apache Flink (docs/flink.md) ----------------------------------------------
# flink-deps: the Flink runner of tools/flink (a Maven project on Flink 2.3 from Maven Central):
# target/eddy-flink-runner.jar and its dependencies in target/lib, rebuilt only when its sources
# change. conformance: the hand-written corpus, the regressions and CONFORMANCE_RANDOM random
# cases on eddy and on Flink (make test runs a short run as the ctest test conformance/short).
# bench-flink: the file workloads and the Nexmark queries (over BENCH_FLINK_NEXMARK_EVENTS events
# generated into csv files) on eddy and on Flink at parallelism 1 and 2.
FLINK_PACKAGES := maven openjdk-17-jdk-headless
FLINK_RUNNER := tools/flink/target/eddy-flink-runner.jar
CONFORMANCE_RANDOM ?= 400
CONFORMANCE_SEED ?= 1
BENCH_FLINK_ROWS ?= 1000000
BENCH_FLINK_NEXMARK_EVENTS ?= 100000
.PHONY: flink-deps conformance bench-flink

flink-deps: $(FLINK_RUNNER)

$(FLINK_RUNNER): tools/flink/pom.xml $(wildcard tools/flink/src/main/java/eddy/flink/*.java)
	@$(MAKE) --no-print-directory deps PACKAGES="$(FLINK_PACKAGES)"
	cd tools/flink && mvn -q -B package
	@touch $@

conformance: deps build flink-deps
	python3 tests/conformance/conformance.py --eddy $(BUILD_DIR)/eddy \
	  --random $(CONFORMANCE_RANDOM) --seed $(CONFORMANCE_SEED)

bench-flink: deps build flink-deps
	python3 bench/flink/run.py --eddy $(BUILD_DIR)/eddy --rows $(BENCH_FLINK_ROWS) \
	  --nexmark-events $(BENCH_FLINK_NEXMARK_EVENTS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR)

# ---- The Python package (docs/python.md) ------------------------------------------------------
# The normal build also builds the module when Python's headers and nanobind are there, and
# make test runs tests/python against it (ctest -L python). `make deps` installs, besides the
# Debian packages below, what the build and the tests need from PyPI: into the active virtual
# environment, else into the user's site-packages (pip --user; a Debian Python is "externally
# managed" and needs --break-system-packages for that, pyenv's does not). Nothing is fetched
# when everything imports already.
.PHONY: python-deps python python-install-test
PYTHON ?= python3
PACKAGES += python3-dev python3-pip python3-venv
PYTHON_PACKAGES := scikit-build-core nanobind pytest pandas pyarrow
python-deps:
	@$(PYTHON) -c "import scikit_build_core, nanobind, pytest, pandas, pyarrow" 2>/dev/null || { \
	  flags=$$($(PYTHON) -c "import os, sys, sysconfig; venv = sys.prefix != sys.base_prefix; \
	    managed = os.path.exists(os.path.join(sysconfig.get_paths()['stdlib'], 'EXTERNALLY-MANAGED')); \
	    print('' if venv else '--user' + (' --break-system-packages' if managed else ''))"); \
	  echo "pip installing:" $(PYTHON_PACKAGES); \
	  $(PYTHON) -m pip install -q --disable-pip-version-check $$flags $(PYTHON_PACKAGES); }

# A wheel in dist/ (a Release build of the library and the module, in build/wheel).
python: deps
	$(PYTHON) -m pip wheel --no-deps --no-build-isolation -w dist .

# Not part of make test (a full Release build of eddy: many minutes): `pip install .` into a
# fresh virtual environment in build/pip-venv, as a user would, then the pytest suite and the
# docs' example against that installation.
python-install-test: deps
	rm -rf $(BUILD_DIR)/pip-venv && $(PYTHON) -m venv $(BUILD_DIR)/pip-venv
	$(BUILD_DIR)/pip-venv/bin/pip install -q --disable-pip-version-check . pytest pandas pyarrow
	cd /tmp && $(CURDIR)/$(BUILD_DIR)/pip-venv/bin/python -m pytest -q -p no:cacheprovider $(CURDIR)/tests/python
	$(BUILD_DIR)/pip-venv/bin/python examples/python/count_with_timeout.py
