#!/usr/bin/python3
"""Turns bench/out/lint/ (accuracy*.json, time_*.json, rss_*.txt) into a Markdown report.

usage: report.py OUT_DIR
"""
import json
import os
import statistics
import sys

out = sys.argv[1]


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def rounds(name):
    """hyperfine's result for `name` in each timing round (run.sh runs the tools in turn)."""
    found = sorted(f for f in os.listdir(out) if f.startswith(f"time_{name}_round") and f.endswith(".json"))
    return [load(f)["results"][0] for f in found]


def median_s(name):
    times = [t for result in rounds(name) for t in result["times"]]
    return statistics.median(times) if times else None


def cpu_s(name):
    results = rounds(name)
    if not results:
        return None
    runs = sum(len(r["times"]) for r in results)
    return sum((r["user"] + r["system"]) * len(r["times"]) for r in results) / runs


def rss_mb(name):
    path = os.path.join(out, f"rss_{name}.txt")
    return int(open(path).read().strip()) / 1024 if os.path.exists(path) else None


def fmt(value, unit):
    return "not measured" if value is None else f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}"


def ratio(ours, theirs):
    return "n/a" if ours is None or theirs is None else f"{ours / theirs:.2f}×"


lines = []
env = open(os.path.join(out, "environment.txt")).read().strip().splitlines()
lines.append("Environment: " + "; ".join(env))
lines.append("")

CORPORA = (("accuracy.json", "Labelled corpus (`fixtures/sql/corpus/`, written with the rules)"),
           ("accuracy_sources.json", "Second corpus (`fixtures/sql/corpus-sources/`, written from the sources)"))
for name, title in CORPORA:
    acc = load(name)
    if acc is None:
        continue
    lines.append(f"### {title}: {acc['files']} migrations ({acc['safe_files']} safe look-alikes, "
                 f"{acc['expected_pairs']} expected (file, rule) pairs)")
    lines.append("")
    lines.append("| tool | precision | recall | true pos. | false pos. | false neg. | safe files flagged |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    rows = [("migsafe", acc["migsafe"]),
            ("squawk, same transaction settings", acc["squawk"]),
            ("squawk, default flags", acc["squawk_default_flags"]),
            ("squawk, scored only on rules it has", acc["squawk_on_rules_it_has"])]
    for label, s in rows:
        if s is None:
            lines.append(f"| {label} | not measured (no migsafe binary) | | | | | |")
            continue
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['tp']} | {s['fp']} | {s['fn']} | "
                     f"{s['safe_files_flagged']} / {s['safe_files']} |")
    lines.append("")
    if acc.get("squawk_unmapped_findings"):
        lines.append("squawk findings with no migsafe counterpart (left out of the scores): " +
                     ", ".join(f"{k} ×{v}" for k, v in acc["squawk_unmapped_findings"].items()))
        lines.append("")
    if acc.get("migsafe_mismatches"):
        lines.append("migsafe disagrees with the labels on: " +
                     "; ".join(f"`{name}` (missing {', '.join(m['missing']) or '-'}, unexpected "
                               f"{', '.join(m['unexpected']) or '-'})" for name, m in acc["migsafe_mismatches"].items()))
        lines.append("")

if not os.path.exists(os.path.join(out, "generated.txt")):
    print("\n".join(lines))
    sys.exit(0)
generated = open(os.path.join(out, "generated.txt")).read().strip()
lines.append(f"### Generated corpus ({generated})")
lines.append("")
lines.append("| input | migsafe median | squawk median | time ratio | migsafe CPU | squawk CPU | CPU ratio | "
             "migsafe peak RSS | squawk peak RSS | memory ratio |")
lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for key, label in (("one", "one file"), ("many", "many small files")):
    mt, st = median_s(f"migsafe_{key}"), median_s(f"squawk_{key}")
    mm, sm = rss_mb(f"migsafe_{key}"), rss_mb(f"squawk_{key}")
    mc, sc = cpu_s(f"migsafe_{key}"), cpu_s(f"squawk_{key}")
    lines.append(f"| {label} | {fmt(mt, 's')} | {fmt(st, 's')} | {ratio(mt, st)} | {fmt(mc, 's')} | "
                 f"{fmt(sc, 's')} | {ratio(mc, sc)} | {fmt(mm, 'MB')} | {fmt(sm, 'MB')} | {ratio(mm, sm)} |")
lines.append("")
lines.append("Median: wall time, median of the timed runs of every round. CPU: mean user + system time per run (less "
             "sensitive to other load on the machine). Targets: time ratio ≤ 0.50×, memory ratio ≤ 1.00× "
             "(migsafe / squawk, same run).")
print("\n".join(lines))
