#!/usr/bin/env bash
# Builds what the GPU machine needs, here (where .NET is): bench/Nabla.GpuBench published self-contained for
# linux-x64 (the device machine has no .NET), smoke-tested, packed into bench/gpu/out/nabla-gpubench.tar.xz.
# Carry that file to the device machine with the working tree and run `bash bench/gpu/run-on-device.sh` there.
#
#   bash bench/gpu/prepare.sh
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUTDIR=$REPO/bench/gpu/out
PUB=$OUTDIR/publish/nabla-gpubench
TARBALL=$OUTDIR/nabla-gpubench.tar.xz
LIMIT_MIB=64

rm -rf "$OUTDIR/publish" "$TARBALL"
mkdir -p "$OUTDIR"
echo "== publishing bench/Nabla.GpuBench (self-contained, linux-x64)"
dotnet publish "$REPO/bench/Nabla.GpuBench" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=false -o "$PUB" 2>&1 \
  | grep -E ' error |warn|->' || true
[ -x "$PUB/nabla-gpubench" ] || { echo "prepare: publish produced no $PUB/nabla-gpubench" >&2; exit 1; }

# What was built, so results.md can say which Nabla it measured.
{
  echo "commit $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- src bench/Nabla.GpuBench || echo ' (with uncommitted changes in src/ or bench/Nabla.GpuBench/)') on branch $(git -C "$REPO" rev-parse --abbrev-ref HEAD), built $(date -u +%Y-%m-%dT%H:%M:%SZ) with .NET SDK $(dotnet --version)"
} > "$PUB/BUILD-INFO.txt"
cat "$PUB/BUILD-INFO.txt"

echo "== smoke test of the published runner (cpu, quick)"
"$PUB/nabla-gpubench" --device cpu --quick --only W6,R --reps 1 --data "$REPO/data/mnist-10k" > "$OUTDIR/smoke.jsonl"
grep -c '"status":"ok"' "$OUTDIR/smoke.jsonl" | grep -qx 3 || { echo "prepare: smoke test failed:" >&2; cat "$OUTDIR/smoke.jsonl" >&2; exit 1; }
echo "ok: $(wc -l < "$OUTDIR/smoke.jsonl") lines"
echo "devices this build sees here:"
"$PUB/nabla-gpubench" --device cpu --quick --only W6 --reps 1 | head -1 | sed 's/.*"devices"/  "devices"/'

echo "== packing"
# The symbol files are kept: a stack trace from the device machine should name lines.
XZ_OPT=${XZ_OPT:--9 -T0} tar -C "$OUTDIR/publish" -cJf "$TARBALL" nabla-gpubench
published=$(du -sm "$PUB" | cut -f1)
packed=$(stat -c %s "$TARBALL")
# The device machine receives the working tree (tracked and untracked, not ignored) plus the carried tarball.
tree=$(cd "$REPO" && { git ls-files -z; git ls-files -z -o --exclude-standard; } | xargs -0 stat -c %s 2> /dev/null | awk '{s+=$1} END {print s+0}')
total=$((packed + tree))
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "published folder: ${published} MiB"
echo "tarball: $TARBALL, $(mib "$packed")"
echo "working tree sent with it: $(mib "$tree"); together $(mib "$total") of the ${LIMIT_MIB} MiB a device run may carry"
if [ "$total" -ge $((LIMIT_MIB * 1048576)) ]; then
  echo "prepare: too large for the device machine" >&2
  exit 1
fi
echo "next, on the GPU machine (carry bench/gpu/out/nabla-gpubench.tar.xz): bash bench/gpu/run-on-device.sh"
