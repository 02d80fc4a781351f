#!/usr/bin/python3
"""`make test-migrations`, the target docs/integration.md tells users to copy, run as the
README's Makefile runs it but without the set-up (SETUP=) and with the build's binary:

    make_target_test.py SOURCE_DIR MIGSAFE

It must exit 0 and print the check table of `migsafe check --db postgres` on the sample,
every check passed but expand-contract (skipped: no --base-ref)."""
import os
import re
import subprocess
import sys

CHECKS = ["single-head", "upgrade", "model-matches-ddl", "upgrade-twice", "replay",
          "replay-preserves-data", "replay-preserves-schema", "replay-per-revision",
          "up-down-consistency", "downgrade-leaves-no-trace", "lint"]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_target_test.py SOURCE_DIR MIGSAFE")
    source_dir, migsafe = (os.path.abspath(a) for a in sys.argv[1:])
    # Not the make that runs this test (`make test`): its flags and job server stay out.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    command = ["make", "--no-print-directory", "-C", source_dir, "test-migrations", "SETUP=",
               f"MIGSAFE={migsafe}"]
    print("$ " + " ".join(command), flush=True)
    process = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=600)
    print(process.stdout, flush=True)
    failures = []
    if process.returncode != 0:
        failures.append(f"exit code {process.returncode}, expected 0")
    if "setup.sh" in process.stdout:
        failures.append("SETUP= should skip scripts/setup.sh, but it ran")
    if f"{migsafe} check --db postgres fixtures/alembic/reggie" not in process.stdout:
        failures.append("make should run MIGSAFE check --db postgres on the sample")
    for name in CHECKS:
        if not re.search(rf"^{re.escape(name)} +passed ", process.stdout, re.MULTILINE):
            failures.append(f"the check table has no `{name} passed` row")
    if not re.search(r"^expand-contract +skipped ", process.stdout, re.MULTILINE):
        failures.append("the check table has no `expand-contract skipped` row")
    if not re.search(r"^summary: 0 errors, 0 warnings, 0 infos; checks: 11 passed, 0 failed, "
                     r"1 skipped$", process.stdout, re.MULTILINE):
        failures.append("no clean summary line")
    if "scratch-cluster postgresql 17" not in process.stdout:
        failures.append("the check should run on a scratch PostgreSQL 17 cluster")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    print("ok: make test-migrations SETUP= checks the sample on PostgreSQL 17")
    return 0


if __name__ == "__main__":
    sys.exit(main())
