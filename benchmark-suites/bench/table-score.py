#!/usr/bin/env python3
"""Issue 18's reproduction targets, scored on a main-table build's tables/all.csv.

usage: benchmark-suites/bench/table-score.py [benchmark-suites/target/rulebench/tables/all.csv]

Prints, for the non-linear models (LSTM, Transformer, Mamba, xLSTM): how many of the rule numbers
(ID R1, ID R2, OOD R1, OOD R2 completion; 4 per cell, 96 for the whole table) lie within the
paper's mean ± 2·std (± 0.05 where the paper's std is 0), as the report flags them (⚠ = outside);
the numbers outside; and for each language whether the model with the highest OOD R1 is the
paper's (ties count for every tied model). A metric not measured (no completion finished) counts
as outside.
"""
import csv
import sys

RULES = ["id_r1", "id_r2", "ood_r1", "ood_r2_completion"]
NON_LINEAR = {"LSTM", "Transformer", "Mamba", "xLSTM"}


def main(path):
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["layout"] == "main_table"]
    within, total, misses = 0, 0, []
    for r in rows:
        if r["model"] not in NON_LINEAR or not r[RULES[0] + "_ref_mean"]:
            continue
        for m in RULES:
            total += 1
            ours = r[m + "_mean"]
            if ours and r[m + "_outside_ref"] == "false":
                within += 1
            else:
                misses.append(f"{r['language']} {r['model']} {m}: {ours or 'not measured'}"
                              f" (paper {r[m + '_ref_mean']} ± {r[m + '_ref_std']}, n={r[m + '_ref_n']})")
    runs = sorted({int(r["runs"]) for r in rows})
    print(f"rule numbers of the non-linear models within the paper's mean ± 2·std: {within} of {total}"
          f" ({100 * within / max(total, 1):.0f} %); runs per cell: {runs}")
    for miss in misses:
        print("  outside: " + miss)
    languages = sorted({r["language"] for r in rows})
    agree = 0
    for language in languages:
        cells = [r for r in rows if r["language"] == language and r["ood_r1_ref_mean"]]
        ours = {r["model"]: float(r["ood_r1_mean"]) for r in cells if r["ood_r1_mean"]}
        paper = {r["model"]: float(r["ood_r1_ref_mean"]) for r in cells}
        if not ours or not paper:
            print(f"{language}: OOD R1 winner not measured")
            continue
        best_ours = {m for m, v in ours.items() if v == max(ours.values())}
        best_paper = {m for m, v in paper.items() if v == max(paper.values())}
        same = bool(best_ours & best_paper)
        agree += same
        print(f"{language}: OOD R1 winner ours {'/'.join(sorted(best_ours))} {max(ours.values()):.3f},"
              f" paper {'/'.join(sorted(best_paper))} {max(paper.values()):.3f}: {'same' if same else 'DIFFERENT'}")
    print(f"per-language OOD R1 winner the paper's: {agree} of {len(languages)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmark-suites/target/rulebench/tables/all.csv")
