#!/usr/bin/env python3
"""Every run of a main-table build, one Markdown row each, with its stop and its own time.

usage: benchmark-suites/bench/runs-table.py [benchmark-suites/target/rulebench/runs]

The report's tables give each cell's mean over its seeds; this lists the runs behind them (the
paper metrics of the model the run kept, its steps and why it stopped, its test loss and excess
over the optimum, and `timings.totalSeconds`, the run's own wall time), followed by the time per
architecture summed over the runs. † marks a resumed run written before its total added up its
pieces: its time is then its build, training and evaluation seconds. Reads the run files a build
writes, replayed runs included.
"""
import json
import pathlib
import sys
from collections import defaultdict

RULES = ["id_r1", "id_r2", "ood_r1", "ood_r2_completion"]


def stop(reason):
    """'converged', 'patience' or 'cap' from the run's stop reason."""
    if reason is None:
        return "?"
    for word, short in (("converged", "converged"), ("early stopping", "patience"), ("cap", "cap")):
        if word in reason:
            return short
    return reason.split(":")[0]


def number(value):
    return "–" if value is None else f"{value:.3f}"


def main(folder):
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(pathlib.Path(folder).rglob("*.json"))]
    runs = [r for r in runs if "paperMetrics" in r]
    if not runs:
        sys.exit(f"no run files under {folder}")
    runs.sort(key=lambda r: (r["language"].lower(), r["architecture"], r["seed"]))
    print("| language | model | seed | steps, stop | test loss (excess) | ID R1 | ID R2 | OOD R1 | OOD R2c "
          "| finished ID / OOD | time |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    seconds = defaultdict(float)
    for r in runs:
        m, t = r["paperMetrics"], r["timings"]
        excess = r.get("excessTestLoss")
        optimum = r.get("optimalTestLoss")
        relative = f" ({100 * excess / optimum:+.1f} %)" if excess is not None and optimum else ""
        steps = t.get("steps")
        total, mark = t["totalSeconds"], ""
        if r.get("resumedFromStep") is not None and total < t["trainingSeconds"] + t["evaluationSeconds"]:
            # written before resumed runs' totals added up their pieces (0d04bd8): count what the
            # pieces spent training and evaluating, which the checkpoints carried
            total, mark = t["buildSeconds"] + t["trainingSeconds"] + t["evaluationSeconds"], " †"
        seconds[r["architecture"]] += total
        print(f"| {r['language']} | {r['architecture']} | {r['seed']} | {steps}, {stop(r.get('stopReason'))} "
              f"| {m['test_loss']:.4f}{relative} | " + " | ".join(number(m.get(k)) for k in RULES)
              + f" | {m.get('id_finished', 0):.2f} / {m.get('ood_finished', 0):.2f} | {total:.0f} s{mark} |")
    total = sum(seconds.values())
    print()
    print(f"{len(runs)} runs, their own times summed: {total / 3600:.2f} h; by architecture: "
          + ", ".join(f"{a} {s / 60:.0f} min" for a, s in sorted(seconds.items(), key=lambda e: -e[1])))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmark-suites/target/rulebench/runs")
