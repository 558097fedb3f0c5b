#!/usr/bin/env bash
# The CI gate's proof (docs/ci-gate.md): runs the behaviour gate (ANbNGateSuite at ci scale, three
# seeds, against src/test/rulebench/baseline-ci.json) once per injected fault, and prints whether
# the gate caught it (rulebench:verify failed), with which band regressions and how many seeds
# changed (compared exactly, on the kind of machine that made the baseline). With
# "clean" as a fault name it runs the unchanged code instead (repeat it to show the gate is stable).
#
# usage: benchmark-suites/bench/gate-faults.sh [fault ...]
#   fault  names as rulebench.test.fault takes them (default: all nine), or "clean"
# needs:   ./mvnw -B install -DskipTests -Dinvoker.skip=true   (the plugin and modules installed)
# writes:  target/gate-faults/<fault>.log (the build's log) and prints one table row per fault
set -euo pipefail

module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/.." && pwd)
faults=("$@")
if [[ ${#faults[@]} -eq 0 ]]; then
  faults=(causal-mask-leak targets-shifted sampled-decoding eos-never dropout-at-evaluation
    learning-rate-times-10 learning-rate-times-0-1 ood-prompts-are-id frozen-layer)
fi
logs="$module/target/gate-faults"
mkdir -p "$logs"

echo "| fault | caught | band regressions | seeds changed | seeds compared exactly | gate time |"
echo "|---|---|---|---|---|---|"
for fault in "${faults[@]}"; do
  jvm_args=""
  [[ "$fault" == clean ]] || jvm_args="-Drulebench.test.fault=$fault"
  log="$logs/$fault.log"
  started=$(date +%s)
  # only the gate's execution: its run (a fresh fork, no cache) then its verify against baseline-ci.json
  if (cd "$root" && ./mvnw -B -o -pl benchmark-suites test-compile rulebench:run@rulebench-gate \
      rulebench:verify@rulebench-gate "-Drulebench.gate.jvmArgs=$jvm_args") > "$log" 2>&1; then
    caught=no
  else
    caught=yes
  fi
  seconds=$(( $(date +%s) - started ))
  regressions=$(grep -c "^\[ERROR\] regression against" "$log" || true)
  changed=$(grep -c "^\[ERROR\] changed against" "$log" || true)
  exact=$( (grep -o "[0-9]* runs\? of baseline-ci.json compared seed by seed" "$log" || echo 0) | head -1 | cut -d' ' -f1)
  metrics=$( (grep "^\[ERROR\] regression against" "$log" || true) | sed -n 's/.*: \([a-z_0-9]*\) (.*/\1/p' \
    | sort | uniq -c | awk '{printf "%s%s ×%s", (NR>1?", ":""), $2, $1}')
  if [[ "$caught" == yes && "$regressions" == 0 && "$changed" == 0 ]]; then
    metrics="the build failed without a regression: see $log"
  fi
  echo "| $fault | $caught | $regressions${metrics:+ ($metrics)} | $changed | $exact | ${seconds} s |"
done
