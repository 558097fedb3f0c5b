#!/usr/bin/env bash
# The floor under Mamba's selective scan on this CPU (bench/scan-floor.c): the paper's ten layers
# of the scan, forward and backward, as one fused C loop per chain with its state in registers; set
# it beside the op time that layers/SelectiveScan's graph takes in a training step (StepTimer --arch
# mamba --profile). It first checks the C backward pass against central differences, so the timed
# loop does the real work.
#
# usage: benchmark-suites/bench/scan-floor.sh [threads]
#   threads  OpenMP threads (default: all cores, as TensorFlow uses)
# needs:  gcc with OpenMP (Debian: apt-get install -y gcc)
set -euo pipefail

threads=${1:-$(nproc)}
here=$(cd "$(dirname "$0")" && pwd)
command -v gcc >/dev/null || { echo "gcc is missing: apt-get install -y gcc" >&2; exit 2; }
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

gcc -O3 -march=native -ffast-math -fopenmp -Wall "$here/scan-floor.c" -o "$build/scan-floor" -lm
OMP_NUM_THREADS=$threads "$build/scan-floor" check
OMP_NUM_THREADS=$threads "$build/scan-floor"
