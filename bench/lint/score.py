#!/usr/bin/python3
"""Precision and recall of migsafe and squawk on one labelled corpus (run.sh calls it for
fixtures/sql/corpus/ and fixtures/sql/corpus-sources/).

Each corpus file is linted by both tools with the transaction setting expected.toml
gives it (migsafe: `assume_in_transaction` in a config file; squawk:
`--assume-in-transaction`). squawk's rule ids are mapped to migsafe's with
squawk_map.toml; squawk findings with no migsafe counterpart are counted apart.
Scoring is over (file, rule) pairs: a true positive is an expected rule that fired.

usage: score.py MIGSAFE SQUAWK CORPUS_DIR OUT_JSON
"""
import json
import os
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))


def migsafe_rules(binary, path, in_transaction, configs):
    run = subprocess.run([binary, "lint", "--format", "json", "--config", configs[in_transaction], path],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"migsafe failed on {path} (exit {run.returncode}): {run.stderr.strip()}")
    return {f["rule"] for f in json.loads(run.stdout)["findings"]}


def squawk_rules(binary, path, in_transaction):
    args = [binary, "--reporter", "json", "--pg-version", "17"]
    if in_transaction:
        args.append("--assume-in-transaction")
    run = subprocess.run(args + [path], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"squawk failed on {path} (exit {run.returncode}): {run.stderr.strip()}")
    return {v["rule_name"] for v in json.loads(run.stdout or "[]")}


def score(results, expected):
    tp = fp = fn = 0
    flagged_safe = 0
    safe = 0
    for name, exp in expected.items():
        got = results[name]
        tp += len(exp & got)
        fp += len(got - exp)
        fn += len(exp - got)
        if not exp:
            safe += 1
            flagged_safe += bool(got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "safe_files_flagged": flagged_safe, "safe_files": safe}


def main():
    migsafe, squawk, corpus, out_json = sys.argv[1:5]
    manifest = tomllib.load(open(os.path.join(corpus, "expected.toml"), "rb"))
    mapping = tomllib.load(open(os.path.join(HERE, "squawk_map.toml"), "rb"))["map"]
    back = {sq: ours for ours, squawks in mapping.items() for sq in squawks}
    expected = {name: set(entry["expect"]) for name, entry in manifest.items()}

    with tempfile.TemporaryDirectory() as tmp:
        configs = {}
        for flag in (True, False):
            configs[flag] = os.path.join(tmp, f"tx_{flag}.toml")
            with open(configs[flag], "w") as f:
                f.write(f"assume_in_transaction = {'true' if flag else 'false'}\n")
        ours, theirs, theirs_default, unmapped = {}, {}, {}, {}
        for name, entry in manifest.items():
            path = os.path.join(corpus, name)
            tx = entry.get("in_transaction", True)
            ours[name] = migsafe_rules(migsafe, path, tx, configs) if migsafe else set()
            raw = squawk_rules(squawk, path, tx)
            theirs[name] = {back[r] for r in raw if r in back}
            for r in raw - back.keys():
                unmapped[r] = unmapped.get(r, 0) + 1
            theirs_default[name] = {back[r] for r in squawk_rules(squawk, path, False) if r in back}

    # squawk scored only on the rules it has an equivalent for
    coverable = {name: {r for r in exp if mapping.get(r)} for name, exp in expected.items()}
    report = {
        "files": len(expected),
        "safe_files": sum(1 for e in expected.values() if not e),
        "expected_pairs": sum(len(e) for e in expected.values()),
        "migsafe": score(ours, expected) if migsafe else None,
        "squawk": score(theirs, expected),
        "squawk_default_flags": score(theirs_default, expected),
        "squawk_on_rules_it_has": score({n: theirs[n] & set(k for k, v in mapping.items() if v) for n in theirs},
                                        coverable),
        "squawk_unmapped_findings": dict(sorted(unmapped.items())),
        "per_file": {name: {"expected": sorted(expected[name]),
                            "migsafe": sorted(ours[name]) if migsafe else None,
                            "squawk": sorted(theirs[name])} for name in sorted(expected)},
    }
    if migsafe:
        report["migsafe_mismatches"] = {
            name: {"missing": sorted(expected[name] - ours[name]), "unexpected": sorted(ours[name] - expected[name])}
            for name in sorted(expected) if ours[name] != expected[name]}
    with open(out_json, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
