#!/usr/bin/python3
"""Times short commands in interleaved rounds and reports medians.

Each round runs every command once, the order rotating from round to round, so the load
of a shared machine, which drifts over a run, is charged to every command alike and no
command always runs right after the same other one. Wall time is taken from just before
posix_spawn to the end of wait4 (stdout and stderr go to /dev/null); CPU time (user +
system) comes from the child's rusage. A command must exit 0 or 1 (a linter's "found
something"); anything else stops the run.

usage: time_pairs.py --rounds N --warmup W --json OUT.json [--ratio A:B ...]
                     NAME=COMMAND [NAME=COMMAND ...]
       COMMAND is split like a shell would (shlex), and is run without a shell.
Writes every time to OUT.json and prints a Markdown table; --ratio A:B adds A's median
over B's, and the median of the per-round ratios (A and B ran in the same round).
"""

import argparse
import json
import os
import shlex
import statistics
import sys
import time


def run_once(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"time_pairs.py: {shlex.join(argv)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", required=True)
    parser.add_argument("--ratio", action="append", default=[], metavar="A:B")
    parser.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    args = parser.parse_args()

    commands = []
    for spec in args.commands:
        name, _, line = spec.partition("=")
        commands.append((name, shlex.split(line)))
    for _ in range(args.warmup):
        for _, argv in commands:
            run_once(argv)

    times = {name: {"wall": [], "cpu": []} for name, _ in commands}
    loads = [load_average()]
    for round_number in range(args.rounds):
        shift = round_number % len(commands)
        for name, argv in commands[shift:] + commands[:shift]:
            wall, cpu = run_once(argv)
            times[name]["wall"].append(wall)
            times[name]["cpu"].append(cpu)
        loads.append(load_average())

    summary = {
        "rounds": args.rounds,
        "cores": os.cpu_count(),
        "load_average": {"min": min(loads), "max": max(loads)},
        "commands": {},
    }
    for name, argv in commands:
        wall, cpu = times[name]["wall"], times[name]["cpu"]
        summary["commands"][name] = {
            "command": shlex.join(argv),
            "wall_ms": [round(t * 1000, 3) for t in wall],
            "median_ms": statistics.median(wall) * 1000,
            "min_ms": min(wall) * 1000,
            "max_ms": max(wall) * 1000,
            "median_cpu_ms": statistics.median(cpu) * 1000,
        }
    for spec in args.ratio:
        a, _, b = spec.partition(":")
        per_round = [x / y for x, y in zip(times[a]["wall"], times[b]["wall"])]
        summary.setdefault("ratios", {})[f"{a} / {b}"] = {
            "of_medians": summary["commands"][a]["median_ms"] / summary["commands"][b]["median_ms"],
            "median_per_round": statistics.median(per_round),
        }
    with open(args.json, "w") as f:
        json.dump(summary, f, indent=1)

    print(f"{args.rounds} interleaved rounds, {os.cpu_count()} cores, "
          f"load average {min(loads):.1f}-{max(loads):.1f}\n")
    print("| command | median wall | min | max | median CPU |")
    print("| --- | --- | --- | --- | --- |")
    for name, figures in summary["commands"].items():
        print(f"| {name} | {figures['median_ms']:.2f} ms | {figures['min_ms']:.2f} ms "
              f"| {figures['max_ms']:.2f} ms | {figures['median_cpu_ms']:.2f} ms |")
    for name, ratio in summary.get("ratios", {}).items():
        print(f"\n{name}: {ratio['of_medians']:.2f}x (ratio of medians), "
              f"{ratio['median_per_round']:.2f}x (median of the per-round ratios)")


if __name__ == "__main__":
    main()
