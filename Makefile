# The two entry points of the README. Both run scripts/setup.sh first, which installs
# what is missing and builds; it takes seconds when everything is there.
BUILD ?= build

.PHONY: setup sample test test-unit bench clean

setup:
	./scripts/setup.sh

# The main job: every check of `migsafe check` on the sample project (SQLite).
sample: setup
	./$(BUILD)/migsafe check fixtures/alembic/reggie

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
