#!/usr/bin/python3
"""scripts/new-rule.sh and scripts/new-check.sh, run in a copy of the source tree: each
touches exactly the files docs/architecture.md lists under "Add a rule" / "Add a check",
the copy builds with them (-Werror), and the rules' and the CLI's unit tests pass there,
the docs tests (tests/rules/docs_test.cpp, tests/cli/names_in_docs_test.cpp) among them.

A full build of the copy takes minutes on two cores, so the copy is configured with CMake
and built from `ninja -t commands` of the two test executables, but an object file whose
source, and every header it includes, the scaffolders left unchanged is taken from the
build folder this test belongs to, as ccache would. Compiled in the copy: the new and the
changed sources, the files that include a changed header, sources generated at configure
time, and the few that bake MIGSAFE_SOURCE_DIR in (so the tests read the copy's docs).

usage: scaffold_test.py SOURCE_DIR BUILD_DIR WORK_DIR
"""

import concurrent.futures
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import time

RULE_ID = "scaffold-example"
CHECK_NAME = "scaffold-example"
TEST_TARGETS = ["migsafe_rules_unit_tests", "migsafe_cli_test"]
TEST_BINARIES = ["tests/rules/migsafe_rules_unit_tests", "tests/cli/migsafe_cli_test"]

failures = []
started = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - started:6.1f} s] {message}", flush=True)


def run(command, cwd, check=True, **kwargs):
    result = subprocess.run(command, cwd=cwd, text=True, capture_output=True, **kwargs)
    if check and result.returncode != 0:
        shown = command if isinstance(command, str) else shlex.join(command)
        sys.exit(f"FAILED ({result.returncode}): {shown}\n{result.stdout}{result.stderr}")
    return result


def git(src, *args):
    return run(["git", "-c", "user.name=scaffold test", "-c", "user.email=scaffold@test",
                "-c", "commit.gpgsign=false", *args], src).stdout


def copy_tree(source, dest):
    """The files git knows or would add (tracked and untracked, not ignored) that exist."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                 source).stdout.split("\0")
    for relative in sorted(set(filter(None, listed))):
        path = source / relative
        if not path.is_file():
            continue  # deleted in the work tree
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "the tree before the scaffolders")


def listed_files(architecture, heading, names):
    """The first code span of each `- ` bullet under `### heading`, placeholders filled."""
    text = architecture.read_text()
    start = text.index(f"\n### {heading}\n")
    end = min((i for i in (text.find("\n### ", start + 1), text.find("\n## ", start + 1))
               if i != -1), default=len(text))
    files = set()
    for line in text[start:end].split("\n"):
        match = re.match(r"^- `([^`]+)`", line)
        if match:
            path = match.group(1)
            for placeholder, value in names.items():
                path = path.replace(placeholder, value)
            files.add(path)
    if not files:
        failures.append(f"docs/architecture.md lists no files under '### {heading}'")
    return files


def touched(src):
    """Files changed or added since the last commit, untracked folders expanded."""
    out = set()
    for line in git(src, "status", "--porcelain", "--untracked-files=all").splitlines():
        out.add(line[3:])
    out |= set(git(src, "diff", "--name-only", "HEAD").split())
    return out


def scaffold(src, script, args, heading, names):
    say(f"{script} {' '.join(args)}")
    run([str(src / "scripts" / script), *args], src)
    want = listed_files(src / "docs/architecture.md", heading, names)
    got = touched(src)
    if got != want:
        failures.append(f"{script} touched {sorted(got)}\n  docs/architecture.md's "
                        f"'{heading}' lists {sorted(want)}\n  touched, not listed: "
                        f"{sorted(got - want)}\n  listed, not touched: {sorted(want - got)}")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", f"{script}")
    return got


def header_deps(build):
    """Object file -> the files it was compiled from, from ninja's deps log."""
    deps, current = {}, None
    for line in run(["ninja", "-C", str(build), "-t", "deps"], build).stdout.splitlines():
        if line and not line.startswith(" "):
            current = line.split(":")[0]
            deps[current] = []
        elif line.strip() and current:
            deps[current].append(line.strip())
    return deps


def build_copy(source, main_build, src, build, changed):
    cache = (main_build / "CMakeCache.txt").read_text()
    build_type = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", cache, re.M).group(1)
    say("configuring the copy")
    run(["cmake", "-S", str(src), "-B", str(build), "-G", "Ninja",
         f"-DCMAKE_BUILD_TYPE={build_type}", "-DMIGSAFE_WERROR=ON"], src)
    commands = run(["ninja", "-C", str(build), "-t", "commands", *TEST_TARGETS],
                   build).stdout.splitlines()
    deps = header_deps(main_build)
    changed_abs = {str(source / f) for f in changed}

    compiles, others, reused = [], [], 0
    for command in commands:
        words = shlex.split(command) if " -c " in command else []
        if "-c" not in words or "-o" not in words:
            others.append(command)
            continue
        obj = words[words.index("-o") + 1]
        source_file = pathlib.Path(words[words.index("-c") + 1])
        try:
            relative = source_file.relative_to(src)
        except ValueError:
            relative = None  # generated in the copy's build folder at configure time
        cached = main_build / obj
        reusable = (
            relative is not None and str(relative) not in changed and cached.is_file()
            and "MIGSAFE_SOURCE_DIR" not in source_file.read_text(errors="replace")
            and obj in deps and not changed_abs.intersection(deps[obj])
            and cached.stat().st_mtime >= (source / relative).stat().st_mtime)
        if reusable:
            target = build / obj
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(cached, target)
            reused += 1
        else:
            compiles.append(command)
    say(f"{reused} object files taken from {main_build}; compiling {len(compiles)} in the copy")
    for command in compiles:
        print("  " + shlex.split(command)[shlex.split(command).index("-c") + 1], flush=True)

    def compile_one(command):
        return command, subprocess.run(command, shell=True, cwd=build, text=True,
                                       capture_output=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for command, result in pool.map(compile_one, compiles):
            if result.returncode != 0:
                sys.exit(f"FAILED to compile in the copy:\n{command}\n{result.stdout}{result.stderr}")
    say("archiving and linking")
    for command in others:
        result = subprocess.run(command, shell=True, cwd=build, text=True, capture_output=True)
        if result.returncode != 0:
            sys.exit(f"FAILED in the copy:\n{command}\n{result.stdout}{result.stderr}")


def main():
    source, main_build, work = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
    shutil.rmtree(work, ignore_errors=True)
    src, build = work / "src", work / "build"
    src.mkdir(parents=True)

    say(f"copying {source} to {src}")
    copy_tree(source, src)
    rule_stem, check_stem = RULE_ID.replace("-", "_"), CHECK_NAME.replace("-", "_")
    changed = scaffold(src, "new-rule.sh", [RULE_ID], "Add a rule",
                       {"<id>": RULE_ID, "<stem>": rule_stem})
    changed |= scaffold(src, "new-check.sh", [CHECK_NAME], "Add a check",
                        {"<name>": CHECK_NAME, "<stem>": check_stem})

    build_copy(source, main_build, src, build, changed)

    for binary in TEST_BINARIES:
        say(f"running {binary} in the copy")
        result = run([str(build / binary), "--gtest_brief=1"], build, check=False)
        if result.returncode != 0:
            failures.append(f"{binary} failed in the copy:\n{result.stdout}{result.stderr}")
        elif "[  PASSED  ]" not in result.stdout:
            failures.append(f"{binary} ran no test:\n{result.stdout}")
    listing = run([str(build / TEST_BINARIES[0]), "--gtest_list_tests"], build).stdout
    for suite in ("DocsTest.", "RegistryTest.", "ScaffoldExampleTest."):
        if suite not in listing:
            failures.append(f"{TEST_BINARIES[0]} has no {suite}* tests")

    if failures:
        print("\n\n".join(failures))
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    say("passed")


if __name__ == "__main__":
    main()
