#!/usr/bin/env bash
# Mamba and xLSTM beside the LSTM on the same machine, in one command, so all three see the same
# load: graph build + first step, training step (paper config: batch 128 × 257 positions) and the
# reference evaluation (256 prompts × 300 new tokens), against issue 19's targets (a step at most
# three times the LSTM's, build + first step ≤ 5 s) and issue 4's (twice, evaluation ≤ 2 s).
#
# usage: benchmark-suites/bench/compare-recurrent.sh [steps] [rounds]
#   steps   training steps timed per model and round (default 3)
#   rounds  times the three models are run in turn (default 2); the table takes each figure's best
# needs:  ./mvnw -pl benchmark-suites -am package -DskipTests
set -euo pipefail

steps=${1:-3}
rounds=${2:-2}
module=$(cd "$(dirname "$0")/.." && pwd)
jar="$module/target/rulebench-benchmarks.jar"
[[ -f "$jar" ]] || { echo "missing $jar: run ./mvnw -pl benchmark-suites -am package -DskipTests" >&2; exit 2; }

export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
archs=(lstm mamba xlstm)

load() { cut -d' ' -f1-3 /proc/loadavg; }
# the smallest value of a RESULT field over all rounds of an architecture
best() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$log/$2".round* | sort -g | head -1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(load) at start"
for round in $(seq 1 "$rounds"); do
  for arch in "${archs[@]}"; do
    echo "== round $round, $arch (load $(load))"
    java -cp "$jar" dev.rulebench.bench.StepTimer --arch "$arch" --steps "$steps" --eval 2>"$log/$arch.err" \
      | tee "$log/$arch.round$round" | grep -v '^RESULT' | sed 's/^/   /'
  done
done
echo "load $(load) at the end"
echo
lstm_step=$(best step_ms lstm)
printf '%-8s %14s %14s %12s %14s %10s\n' model "step (ms)" "÷ LSTM step" "build+first" "evaluation" "step CPU"
for arch in "${archs[@]}"; do
  step=$(best step_ms "$arch")
  first=$(for f in "$log/$arch".round*; do
    awk -v b="$(sed -n 's/.* build_s=\([^ ]*\).*/\1/p' "$f")" -v s="$(sed -n 's/.* first_step_s=\([^ ]*\).*/\1/p' "$f")" \
      'BEGIN { printf "%.2f\n", b + s }'; done | sort -g | head -1)
  printf '%-8s %14s %14s %10s s %12s s %7s ms\n' "$arch" "$step" \
    "$(awk -v a="$step" -v b="$lstm_step" 'BEGIN { printf "%.2f×", a / b }')" "$first" "$(best eval_s "$arch")" \
    "$(best step_cpu_ms "$arch")"
done
echo
echo "targets: issue 19, step ≤ 3× the LSTM's and build + first step ≤ 5 s; issue 4, step ≤ 2× and evaluation ≤ 2 s."
echo "Best of $rounds rounds each."
