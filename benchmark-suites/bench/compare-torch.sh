#!/usr/bin/env bash
# Our training step and reference evaluation beside PyTorch's on the same machine, in one command,
# so both see the same load. Prints a table of times and the ratio PyTorch ÷ RuleBench (how many
# times faster we are) against issue 19's targets (the evaluation's are an earlier issue's).
#
# usage: benchmark-suites/bench/compare-torch.sh [steps] [threads]
#   steps    training steps timed per model (default 5)
#   threads  PyTorch threads (default: all cores, as TensorFlow uses)
# needs:    ./mvnw -pl benchmark-suites -am package -DskipTests
#           apt-get install -y python3-torch libopenblas0-pthread   (Debian's PyTorch + OpenBLAS)
# env:      TORCH_EVAL_TOKENS (default 20): tokens PyTorch's full-recompute evaluation really runs;
#           its 300-token time is extrapolated (cost grows with the prefix: × Σ(9+i) ratio)
set -euo pipefail

steps=${1:-5}
threads=${2:-$(nproc)}
torch_tokens=${TORCH_EVAL_TOKENS:-20}
module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/.." && pwd)
jar="$module/target/rulebench-benchmarks.jar"
anchor="$root/../shared/anchors/torch_step.py"
python=/usr/bin/python3

[[ -f "$jar" ]] || { echo "missing $jar: run ./mvnw -pl benchmark-suites -am package -DskipTests" >&2; exit 2; }
[[ -f "$anchor" ]] || { echo "missing the PyTorch anchor $anchor" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || {
  echo "PyTorch is missing: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 2; }

export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$2" | tail -1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(load) at start"
echo "RuleBench: TensorFlow Java, $steps steps per model; PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $threads threads"
echo

for arch in transformer lstm; do
  echo "== $arch: RuleBench (load $(load))"
  java -cp "$jar" dev.rulebench.bench.StepTimer --arch "$arch" --steps "$steps" --eval 2>"$log/$arch.err" \
    | tee "$log/$arch.ours" | grep -v '^RESULT' | sed 's/^/   /'
  echo "== $arch: PyTorch training (load $(load))"
  GEN=0 "$python" "$anchor" "$arch" "$steps" "$threads" 2>&1 | tee "$log/$arch.torch" | sed 's/^/   /'
  echo "== $arch: PyTorch reference evaluation, $torch_tokens tokens (load $(load))"
  NEW=$torch_tokens "$python" "$anchor" "$arch" 1 "$threads" 2>&1 | grep 'greedy eval' | tee "$log/$arch.teval" \
    | sed 's/^/   /'
  echo
done

echo "load $(load) at the end"
echo
printf '%-12s %-34s %12s %12s %10s  %s\n' model measure RuleBench PyTorch "×faster" target
for arch in transformer lstm; do
  ours_step=$(field step_ms "$log/$arch.ours")
  ours_first=$(awk -v b="$(field build_s "$log/$arch.ours")" -v f="$(field first_step_s "$log/$arch.ours")" \
    'BEGIN { printf "%.2f", b + f }')
  ours_eval=$(field eval_s "$log/$arch.ours")
  torch_step=$(sed -n 's/.*: \([0-9.]*\) ms\/step.*/\1/p' "$log/$arch.torch")
  torch_eval_part=$(sed -n 's/.*: \([0-9.]*\) s$/\1/p' "$log/$arch.teval")
  torch_eval=$(awk -v t="$torch_eval_part" -v n="$torch_tokens" \
    'BEGIN { a = 0; b = 0; for (i = 1; i <= 300; i++) a += 9 + i; for (i = 1; i <= n; i++) b += 9 + i; printf "%.1f", t * a / b }')
  step_target=$([[ $arch == transformer ]] && echo "≤ 800 ms and ≥ 15×" || echo "≤ 200 ms")
  printf '%-12s %-34s %9s ms %9s ms %9s×  %s\n' "$arch" "training step (128 × 257)" "$ours_step" "$torch_step" \
    "$(awk -v a="$torch_step" -v b="$ours_step" 'BEGIN { printf "%.1f", a / b }')" "$step_target"
  printf '%-12s %-34s %10s s %12s %10s  %s\n' "$arch" "graph build + first step" "$ours_first" "–" "" "≤ 5 s"
  printf '%-12s %-34s %10s s %10s s %9s×  %s\n' "$arch" "evaluation 256 × 300 tokens" "$ours_eval" "$torch_eval" \
    "$(awk -v a="$torch_eval" -v b="$ours_eval" 'BEGIN { printf "%.0f", a / b }')" "≤ 2 s and ≥ 300×"
done
echo
echo "PyTorch's evaluation recomputes the whole prefix per token (the reference's decoding); its 300-token time"
echo "is extrapolated from $torch_tokens tokens. Ratios taken in one command; absolute times move with the load shown."
