# The two entry points of the README. Both run scripts/setup.sh first, which installs
# what is missing and builds; it takes seconds when everything is there.
BUILD ?= build

# What `make test-migrations` runs and after what: the migsafe built here, after
# setup-migsafe. `make test-migrations SETUP=` skips the set-up (the integration test does:
# it checks the build it belongs to); MIGSAFE=... checks with another binary.
MIGSAFE ?= $(BUILD)/migsafe
SETUP ?= setup-migsafe

.PHONY: setup setup-migsafe sample test test-unit test-migrations bench clean

# Everything: packages, PostgreSQL 17, the second Python stack, and every build target
# (migsafe, its tests, benchmarks).
setup:
	MIGSAFE_BUILD_DIR=$(abspath $(BUILD)) ./scripts/setup.sh

# The same set-up, but builds only the migsafe executable and its Python bridge
# (libmigsafe_python.so, which migsafe loads), not the tests.
setup-migsafe:
	MIGSAFE_BUILD_DIR=$(abspath $(BUILD)) ./scripts/setup.sh --targets "migsafe migsafe_python"

# The main job: every check of `migsafe check` on the sample project (SQLite).
sample: setup-migsafe
	$(BUILD)/migsafe check fixtures/alembic/reggie

# The target to copy into a service's Makefile (docs/integration.md): every check on a
# scratch PostgreSQL 17 cluster booted from local binaries (.deps/, from setup), here
# on the sample project.
test-migrations: $(SETUP)
	$(MIGSAFE) check --db postgres fixtures/alembic/reggie

# The whole test suite: unit, SQLite, Python and PostgreSQL 17/15 tests. The tests
# boot their own PostgreSQL servers from the binaries setup installed. Then the
# sanitizer build's share of them (build-asan/: labels unit, sqlite, postgres) and the
# short fuzz run (build-fuzz/ with clang, 20 s per target); docs/reliability.md.
test: setup
	ctest --test-dir $(BUILD) --output-on-failure -j2
	./scripts/sanitize.sh
	./scripts/fuzz.sh --short

test-unit: setup
	ctest --test-dir $(BUILD) --output-on-failure -j2 -L unit

bench: setup
	./bench/run.sh

clean:
	rm -rf $(BUILD)
