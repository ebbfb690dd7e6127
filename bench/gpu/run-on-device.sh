#!/usr/bin/env bash
# Runs Nabla's GPU benchmark against PyTorch on the machine it is started on (one with an NVIDIA GPU, python3 with
# PyTorch, no .NET), from a copy of the repository with bench/gpu/out/nabla-gpubench.tar.xz (made by prepare.sh).
#
#   bash bench/gpu/run-on-device.sh                      # everything into $OUT (default bench/gpu/out/run-<UTC time>)
#   OUT=/tmp/x PYTHON=/usr/bin/python3 bash bench/gpu/run-on-device.sh --device cpu --quick    # a dry run, no GPU
#
# Options: --device D (default cuda), --quick, --only W1,W5 (families), --tarball PATH, --budget SECONDS (whole run,
# default 420). Each workload runs in its own process, Nabla then PyTorch (W1 Nabla, W1 PyTorch, W2 Nabla, ...),
# each under `timeout`; their JSON lines go to $OUT/nabla.jsonl and $OUT/torch.jsonl, their output to $OUT/logs/,
# what each run did to $OUT/runs.tsv, and bench/gpu/report.py turns it all into $OUT/results.md. Nothing fails
# silently: a run that crashes, times out or is skipped is a row saying so. Exit status 0 when results.md was written.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
DEVICE=cuda
QUICK=()
FAMILIES=(W1 W2 W5 W6 R)
TARBALL=$REPO/bench/gpu/out/nabla-gpubench.tar.xz
BUDGET=420
PYTHON=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case $1 in
    --device) DEVICE=$2; shift 2 ;;
    --quick) QUICK=(--quick); shift ;;
    --only) IFS=, read -r -a FAMILIES <<< "$2"; shift 2 ;;
    --tarball) TARBALL=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    *) echo "run-on-device.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-$REPO/bench/gpu/out/run-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/logs"
START=$(date +%s)
DEADLINE=$((START + BUDGET))
exec > >(tee -a "$OUT/logs/run-on-device.log") 2>&1
echo "run-on-device: device $DEVICE ${QUICK[*]}, workloads ${FAMILIES[*]}, budget ${BUDGET}s, OUT=$OUT, $(date -u)"

# ---- the machine ----
if command -v nvidia-smi > /dev/null; then
  nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1 || echo "nvidia-smi failed (exit $?)" >> "$OUT/nvidia-smi.txt"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit --format=csv > "$OUT/gpu.csv" 2>&1 || true
else
  echo "nvidia-smi not found" | tee "$OUT/nvidia-smi.txt"
fi
{ uname -a; nproc; free -g 2>/dev/null; } > "$OUT/machine.txt" 2>&1
"$PYTHON" -c 'import torch, sys; print(sys.version); print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' \
  > "$OUT/python-env.txt" 2>&1 || echo "python/torch import failed (exit $?)" >> "$OUT/python-env.txt"
cat "$OUT/python-env.txt"

# ---- the Nabla runner ----
WORK=$(mktemp -d /tmp/nabla-gpubench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
NABLA=""
if [ -f "$TARBALL" ] && tar -xJf "$TARBALL" -C "$WORK" 2> "$OUT/logs/unpack.err"; then
  NABLA=$WORK/nabla-gpubench/nabla-gpubench
  cp "$WORK/nabla-gpubench/BUILD-INFO.txt" "$OUT/" 2> /dev/null || true
  chmod +x "$NABLA"
  echo "unpacked $TARBALL ($(du -h "$TARBALL" | cut -f1)): $(cat "$OUT/BUILD-INFO.txt" 2> /dev/null | head -1)"
else
  echo "cannot unpack '$TARBALL' (missing or broken; see logs/unpack.err): Nabla's rows will say so"
fi

# cuBLAS and friends for the CUDA backend: this machine has them inside PyTorch's wheels (torch/lib, nvidia/*/lib),
# not on the loader's path; unversioned names are linked for loaders that ask for libcublas.so.
LIBS=$WORK/lib
mkdir -p "$LIBS"
TORCH_LIBS=$("$PYTHON" - 2> /dev/null <<'EOF'
import glob, os
import torch
dirs = [os.path.join(os.path.dirname(torch.__file__), "lib")]
for base in {os.path.dirname(os.path.dirname(torch.__file__))}:
    dirs += sorted(glob.glob(os.path.join(base, "nvidia", "*", "lib")))
print(":".join(d for d in dirs if os.path.isdir(d)))
EOF
)
IFS=: read -r -a LIBDIRS <<< "$TORCH_LIBS"
for d in "${LIBDIRS[@]}"; do
  for f in "$d"/lib*.so.*; do
    [ -e "$f" ] || continue
    base=$(basename "$f"); plain=${base%%.so.*}.so
    [ -e "$LIBS/$plain" ] || ln -s "$f" "$LIBS/$plain"
  done
done
export LD_LIBRARY_PATH=$LIBS${TORCH_LIBS:+:$TORCH_LIBS}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

# ---- the runs ----
# Seconds each run may take (the process, startup included), and the least a PyTorch run is kept for: a slow Nabla
# run is cut short before it eats the time of the PyTorch runs still to come.
declare -A LIMIT=([nabla-W1]=70 [nabla-W2]=70 [nabla-W5]=75 [nabla-W6]=45 [nabla-R]=60
                  [torch-W1]=45 [torch-W2]=45 [torch-W5]=50 [torch-W6]=35 [torch-R]=40)
TORCH_RESERVE=25
printf 'system\tfamily\texit\tseconds\ttimeout\tlog\n' > "$OUT/runs.tsv"
: > "$OUT/nabla.jsonl"
: > "$OUT/torch.jsonl"

run() {  # run SYSTEM FAMILY TORCH_RUNS_STILL_TO_COME
  local system=$1 family=$2 later=$3
  local now limit left log rc t0 budget
  now=$(date +%s)
  limit=${LIMIT[$system-$family]:-60}
  left=$((DEADLINE - now - later * TORCH_RESERVE))
  [ "$left" -lt "$limit" ] && limit=$left
  log=logs/$system-$family
  if [ "$system" = nabla ] && [ -z "$NABLA" ]; then
    printf '%s\t%s\tskipped\t0\t0\tno Nabla runner (tarball %s missing or broken)\n' "$system" "$family" "$TARBALL" >> "$OUT/runs.tsv"
    echo "$system $family: skipped: no Nabla runner"
    return
  fi
  if [ "$limit" -lt 10 ]; then
    local why="only ${limit}s left of the run's ${BUDGET}s budget, $((later * TORCH_RESERVE))s of it kept for the PyTorch runs still to come"
    printf '%s\t%s\tskipped\t0\t0\t%s\n' "$system" "$family" "$why" >> "$OUT/runs.tsv"
    echo "$system $family: skipped: $why"
    return
  fi
  # The runners' own soft cap: measuring stops early so the line is written before the timeout; W5 has 2 (Nabla)
  # or 4 (PyTorch) matrix sizes, each with its own cap.
  case $system-$family in
    nabla-W5) budget=$((limit * 3 / 10)) ;;
    torch-W5) budget=$((limit * 3 / 20)) ;;
    *) budget=$((limit * 5 / 10)) ;;
  esac
  [ "$budget" -lt 2 ] && budget=2
  t0=$(date +%s)
  if [ "$system" = nabla ]; then
    timeout -k 5 "$limit" "$NABLA" --device "$DEVICE" "${QUICK[@]}" --only "$family" --budget-s "$budget" \
      --data "$REPO/data/mnist-10k" --out "$OUT/nabla.jsonl" > "$OUT/$log.out" 2> "$OUT/$log.err"
    rc=$?
  else
    timeout -k 5 "$limit" "$PYTHON" "$REPO/bench/gpu/torch_workloads.py" --device "$DEVICE" "${QUICK[@]}" --only "$family" \
      --budget-s "$budget" --data "$REPO/data/mnist-10k" --out "$OUT/torch.jsonl" > "$OUT/$log.out" 2> "$OUT/$log.err"
    rc=$?
  fi
  local secs=$(($(date +%s) - t0))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$family" "$rc" "$secs" "$limit" "$log.{out,err}" >> "$OUT/runs.tsv"
  echo "$system $family: exit $rc after ${secs}s (limit ${limit}s)"
  [ "$rc" -ne 0 ] && tail -n 3 "$OUT/$log.err" | sed 's/^/    /'
}

n=${#FAMILIES[@]}
for i in "${!FAMILIES[@]}"; do
  f=${FAMILIES[$i]}
  run nabla "$f" $((n - i))
  run torch "$f" $((n - i - 1))
done

# ---- the table ----
if "$PYTHON" "$REPO/bench/gpu/report.py" "$OUT" > "$OUT/logs/report.out" 2> "$OUT/logs/report.err"; then
  cat "$OUT/results.md"
else
  # Still a results.md, saying where the raw lines are.
  { echo "# Nabla vs PyTorch on the GPU"; echo; echo "report.py failed (logs/report.err); the raw lines are nabla.jsonl and torch.jsonl."
    echo; echo '```'; cat "$OUT/runs.tsv"; echo '```'; } > "$OUT/results.md"
  cat "$OUT/logs/report.err"
fi
echo "run-on-device: done in $(($(date +%s) - START))s; results in $OUT"
