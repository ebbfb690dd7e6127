#!/usr/bin/env bash
# Runs every measurement behind docs/BENCHMARKS.md and writes one markdown fragment per run into a folder
# (default bench/results/<UTC date-time>, ignored by git), plus the console output. Usage, from the repository root:
#   bench/run-all.sh [folder]
# Takes 30-60 minutes on a 2-core machine; each step can also be run alone (the commands are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/results/$(date -u +%Y%m%d-%H%M)}"
mkdir -p "$out"
dotnet build bench/Nabla.Bench -c Release 2>&1 | tail -2
run() {
  local name="$1"; shift
  echo "== $name: dotnet run --project bench/Nabla.Bench -c Release --no-build -- $* --markdown $out/$name.md"
  # Exit code 1 means a check disagreed; keep going so the other runs still happen.
  dotnet run --project bench/Nabla.Bench -c Release --no-build -- "$@" --markdown "$out/$name.md" > "$out/$name.log" 2>&1 \
    || echo "   (exit code $?: see $out/$name.log)"
}
run bench-default
run bench-threads1 --threads 1
run profile-default --profile
run profile-threads1 --profile --threads 1
# One thread: TorchSharp's two OpenMP threads collapse whenever another process takes a core.
for side in nabla torch torch-gc torch-finalizers; do
  run "memory-w1-$side" --memory "$side" --threads 1
done
# glibc's malloc keeps libtorch's freed buffers: with a fixed mmap threshold they go back to the system.
MALLOC_MMAP_THRESHOLD_=131072 run memory-w1-torch-mmap-threshold --memory torch --threads 1
echo "results in $out"
