#!/usr/bin/python3
"""Tests of fixtures/histories: the generator, and migsafe's findings on what it writes.

    generated_history_test.py sanity   SOURCE_DIR
    generated_history_test.py findings SOURCE_DIR MIGSAFE_BINARY

`sanity`: the generator is deterministic, writes >= 100 revisions and a squashed revision
of >= 1,000 op calls, and its planted lines are the ones expected_findings.json names.
`findings`: `migsafe lint --format json` and `migsafe check --db postgres --format json`
on the generated project report exactly the findings of expected_findings.json, compared
as sets of (command, rule, revision, line). VIRTUAL_ENV chooses the Python stack, as for
migsafe itself.
"""

import ast
import json
import os
import subprocess
import sys
import tempfile

MIN_REVISIONS = 100
MIN_SQUASH_OPS = 1000


def generate(source_dir, out_dir):
    args = json.load(open(expected_path(source_dir)))["generator_arguments"]
    subprocess.run(["/usr/bin/python3", os.path.join(source_dir, "fixtures/histories/generate.py"),
                    out_dir, *args], check=True, stdout=subprocess.DEVNULL)
    return json.load(open(os.path.join(out_dir, "history.json")))


def expected_path(source_dir):
    return os.path.join(source_dir, "fixtures/histories/expected_findings.json")


def op_calls(path):
    """Calls of op.<name>(...) and batch_op.<name>(...) in a revision file."""
    tree = ast.parse(open(path).read(), path)
    return sum(1 for node in ast.walk(tree)
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and isinstance(node.func.value, ast.Name)
               and node.func.value.id in ("op", "batch_op"))


def tree_bytes(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, root)] = open(path, "rb").read()
    return files


def sanity(source_dir):
    failures = []
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        manifest = generate(source_dir, one)
        generate(source_dir, two)
        if tree_bytes(one) != tree_bytes(two):
            failures.append("two runs of generate.py wrote different files")
        revisions = manifest["revisions"]
        if len(revisions) < MIN_REVISIONS:
            failures.append(f"{len(revisions)} revisions, expected at least {MIN_REVISIONS}")
        squash = os.path.join(one, revisions[0]["file"])
        ops = op_calls(squash)
        if ops < MIN_SQUASH_OPS:
            failures.append(f"the squashed revision has {ops} op calls, expected at least "
                            f"{MIN_SQUASH_OPS}")
        for rev in revisions:
            ast.parse(open(os.path.join(one, rev["file"])).read(), rev["file"])
        marked = {(m["rule"], m["revision"], m["line"]) for m in manifest["marked_lines"]}
        expected = {(f["rule"], f["revision"], f["line"])
                    for f in json.load(open(expected_path(source_dir)))["findings"]
                    if f["command"] == "lint" and f["rule"] != "prefer-text-field"
                    # a lint rule's (expand-contract's static part marks no line of its own)
                    and f["check"] is None}
        if marked != expected:
            failures.append("the generator's marked lines and expected_findings.json disagree:\n"
                            f"  only in the generator: {sorted(marked - expected)}\n"
                            f"  only in expected_findings.json: {sorted(expected - marked)}")
        print(f"{len(revisions)} revisions, {ops} op calls in the squashed revision")
    return failures


def run_migsafe(binary, args, project):
    proc = subprocess.run([binary, *args, "--format", "json", project], capture_output=True,
                          text=True, timeout=1800)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join([binary, *args])} exited {proc.returncode}:\n"
                         f"{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def key(command, finding):
    location = finding.get("location") or {}
    return (command, finding["rule"], location.get("revision"), location.get("line"))


def show(k):
    command, rule, revision, line = k
    return f"{command:5} {rule:36} {revision or '-':12} line {line if line else '-'}"


def findings(source_dir, binary):
    expected_doc = json.load(open(expected_path(source_dir)))
    expected = {(f["command"], f["rule"], f["revision"], f["line"]): f
                for f in expected_doc["findings"]}
    actual = {}
    with tempfile.TemporaryDirectory() as out:
        generate(source_dir, out)
        for command, args in (("lint", ["lint"]), ("check", ["check", "--db", "postgres"])):
            report = run_migsafe(binary, args, out)
            for finding in report["findings"]:
                actual.setdefault(key(command, finding), finding)
            if command == "check":
                for check in report.get("checks", []):
                    print(f"check {check['name']}: {check['status']}"
                          + (f" ({check['note']})" if check.get("note") else ""))
    missing = sorted(set(expected) - set(actual), key=str)
    unexpected = sorted(set(actual) - set(expected), key=str)
    failures = []
    if missing:
        lines = [f"  {show(k)}\n      why expected: {expected[k]['why']}" for k in missing]
        failures.append("Expected (expected_findings.json), not reported:\n" + "\n".join(lines))
    if unexpected:
        lines = []
        for k in unexpected:
            f = actual[k]
            message = f["message"].splitlines()[0]
            lines.append(f"  {show(k)}  [{f['check'] or 'lint'}] {message[:160]}")
        failures.append("Reported, not expected (a false finding, or expected_findings.json is "
                        "out of date):\n" + "\n".join(lines))
    print(f"stack: {os.environ.get('VIRTUAL_ENV') or 'Debian python3'}; "
          f"{len(expected)} expected, {len(actual)} reported, "
          f"{len(missing)} missing, {len(unexpected)} unexpected")
    return failures


def main():
    mode = sys.argv[1]
    if mode == "sanity":
        failures = sanity(sys.argv[2])
    elif mode == "findings":
        failures = findings(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
