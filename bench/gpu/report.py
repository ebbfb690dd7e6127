#!/usr/bin/env python3
"""Writes results.md from a run-on-device.sh output folder: nabla.jsonl, torch.jsonl and runs.tsv.

Every workload gets a row, whatever happened: a run that crashed, timed out, was skipped or wrote no line says so
(with its exit status and log), so a missing figure is never silent. Standard library only.

    python3 bench/gpu/report.py OUT_DIR        # writes OUT_DIR/results.md and prints it
"""

import json
import sys
from pathlib import Path

# (id, what, target kind, bound): "time" = Nabla/PyTorch median time ≤ bound; "rate" = Nabla/PyTorch TFLOP/s ≥ bound.
ROWS = [
    ("W1", "MNIST MLP 784-1000-1000-10, one epoch (80 steps, batch 100, Adam + weight decay)", "time", 1.5),
    ("W2", "MNIST CNN (conv 16, conv 32, linear), one epoch (80 steps, batch 100, Adam)", "time", 1.5),
    ("W5-4096", "GEMM 4096³ float32", "rate", 0.8),
    ("W5-8192", "GEMM 8192³ float32", "rate", 0.8),
    ("W6", "sum(tanh(x)·x + exp(−x)), forward + backward, 10⁷ float32", "time", 1.5),
    ("R", "small ResNet (stem + 4 basic blocks, BN), one SGD training step, batch 64, 3x32x32", "time", None),
]
# Checks agree when within this relative difference (float32 sums in different orders; an epoch of training).
CHECK_TOLERANCE = {"W1": 2e-3, "W2": 2e-3, "W5-4096": 1e-4, "W5-8192": 1e-4, "W6": 1e-4, "R": 1e-3}


def read_lines(path):
    lines, bad = {}, []
    if not path.exists():
        return lines, bad
    for n, text in enumerate(path.read_text().splitlines(), 1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            lines[line.get("id")] = line  # a later line for the same id (a rerun) wins
        except json.JSONDecodeError:
            bad.append(f"{path.name}:{n}")
    return lines, bad


def read_runs(path):
    """runs.tsv: system, family, exit status (or 'skipped'), seconds, timeout, log."""
    runs = {}
    if path.exists():
        for text in path.read_text().splitlines()[1:]:
            parts = text.split("\t")
            if len(parts) >= 6:
                runs[(parts[0], parts[1])] = dict(rc=parts[2], seconds=parts[3], timeout=parts[4], log=parts[5])
    return runs


def family(wid):
    return wid.split("-")[0]


def fmt(v, digits=3):
    """About three significant digits, without exponents for the sizes that occur here."""
    if v is None:
        return "—"
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.{digits}g}"


def figure_of(line, kind):
    """(shown value, value used for the ratio) of a result line."""
    if kind == "rate":
        x = (line.get("extra") or {}).get("tflops_median")
        best = (line.get("extra") or {}).get("tflops_best")
        return (f"{fmt(x)} TFLOP/s (best {fmt(best)})" if x is not None else "—"), x
    med, mn = line.get("median_ms"), line.get("min_ms")
    if med is None:
        return "—", None
    cut = ", cut by budget" if line.get("cut_by_budget") else ""
    return f"{fmt(med)} ms (min {fmt(mn)}, {line.get('reps')} reps{cut})", med


def why_missing(system, wid, lines, runs):
    """A cell for a system with no usable result: what happened, from its line or from runs.tsv."""
    line = lines.get(wid)
    if line is not None and line.get("status") != "ok":
        return f"**{line.get('status')}**: {str(line.get('error', ''))[:160]}"
    run = runs.get((system, family(wid)))
    if run is None:
        if not any(fam == family(wid) for _, fam in runs):
            return "not in this run (--only)"
        return "**not run** (no entry in runs.tsv)"
    rc = run["rc"]
    if rc == "skipped":
        return f"**skipped**: {run['log']}"
    if rc in ("124", "137"):
        return f"**timed out** after {run['timeout']} s (`{run['log']}`)"
    if rc == "0":
        return f"**no result line** although exit 0 (`{run['log']}`)"
    return f"**failed**, exit {rc} after {run['seconds']} s (`{run['log']}`)"


def checks(wid, a, b):
    if a is None or b is None or a.get("status") != "ok" or b.get("status") != "ok":
        return "—"
    ca, cb = a.get("check") or {}, b.get("check") or {}
    parts, worst = [], 0.0
    for k in ca:
        va, vb = ca.get(k), cb.get(k)
        if va is None or vb is None:
            parts.append(f"{k}: {va} / {vb}")
            worst = float("inf")
            continue
        rel = abs(va - vb) / max(abs(va), abs(vb), 1e-30)
        worst = max(worst, rel)
        parts.append(f"{k} {va:.6g} / {vb:.6g}")
    verdict = "agree" if worst <= CHECK_TOLERANCE.get(wid, 1e-3) else "**differ**"
    return f"{verdict} (rel. {worst:.1e}): " + "; ".join(parts)


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    nabla, bad_n = read_lines(out / "nabla.jsonl")
    torch, bad_t = read_lines(out / "torch.jsonl")
    runs = read_runs(out / "runs.tsv")
    md = ["# Nabla vs PyTorch on the GPU", ""]
    n_info, t_info = nabla.get("info"), torch.get("info")
    gpu = (out / "gpu.csv").read_text().strip() if (out / "gpu.csv").exists() else "(nvidia-smi gave nothing)"
    md += [f"- GPU (nvidia-smi): {gpu.splitlines()[-1] if gpu else '—'}"]
    if n_info:
        devs = ", ".join(f"{d.get('device')} {d.get('name')}" for d in n_info.get("devices", []))
        md.append(f"- Nabla: device {n_info.get('device')} ({n_info.get('device_name') or 'no name'}), {n_info.get('runtime')}, "
                  f"devices found: {devs}; build: {(out / 'BUILD-INFO.txt').read_text().strip() if (out / 'BUILD-INFO.txt').exists() else '—'}")
    else:
        md.append("- Nabla: **no info line** (the runner did not start; see logs/)")
    if t_info:
        md.append(f"- PyTorch {t_info.get('torch')} (CUDA {t_info.get('cuda')}, cuDNN {t_info.get('cudnn')}), Python {t_info.get('python')}, "
                  f"device {t_info.get('device')} ({t_info.get('device_name')}); TF32 off for matmuls and convolutions, "
                  f"cudnn.benchmark {t_info.get('cudnn_benchmark')}")
    else:
        md.append("- PyTorch: **no info line** (the script did not start; see logs/)")
    quick = any((l or {}).get("quick") for l in (n_info, t_info))
    if quick:
        md.append("- **quick mode**: tiny sizes, a smoke test; these figures say nothing about performance")
    md += ["- Times: median and minimum over the repetitions after warm-up, each ending in a host read (Nabla) or "
           "`torch.cuda.synchronize()` (PyTorch); ratio = Nabla / PyTorch (for GEMM, of TFLOP/s).", ""]

    md += ["| id | workload | Nabla | PyTorch | ratio | target | verdict | checks (Nabla / PyTorch) |",
           "|---|---|---|---|---|---|---|---|"]
    for wid, what, kind, bound in ROWS:
        a, b = nabla.get(wid), torch.get(wid)
        a_ok, b_ok = a is not None and a.get("status") == "ok", b is not None and b.get("status") == "ok"
        a_text, a_val = figure_of(a, kind) if a_ok else (why_missing("nabla", wid, nabla, runs), None)
        b_text, b_val = figure_of(b, kind) if b_ok else (why_missing("torch", wid, torch, runs), None)
        ratio = a_val / b_val if a_val is not None and b_val else None
        if kind == "rate":
            target = f"≥ {bound}"
        else:
            target = f"≤ {bound}" if bound is not None else "reported"
        if ratio is None:
            verdict = "no figure"
        elif bound is None:
            verdict = "—"
        elif quick:
            verdict = "(quick)"
        else:
            verdict = "**met**" if (ratio >= bound if kind == "rate" else ratio <= bound) else "**not met**"
        if quick:
            # The sizes of the quick mode are not those named in ROWS.
            what = f"{what} — quick: {(a if a_ok else b if b_ok else {}).get('work', '?')}"
        md.append(f"| {wid} | {what} | {a_text} | {b_text} | {fmt(ratio, 3) if ratio is not None else '—'} | {target} | {verdict} | {checks(wid, a, b)} |")

    tf = [(w, torch.get(w)) for w in ("W5-4096-tf32", "W5-8192-tf32")]
    md += ["", "PyTorch GEMM with TF32 allowed (`torch.backends.cuda.matmul.allow_tf32 = True`; no target, for scale):", "",
           "| id | PyTorch TF32 | PyTorch float32 | Nabla float32 |", "|---|---|---|---|"]
    for w, line in tf:
        base = w[:-len("-tf32")]
        t_text = figure_of(line, "rate")[0] if line and line.get("status") == "ok" else why_missing("torch", w, torch, runs)
        f_text = figure_of(torch[base], "rate")[0] if torch.get(base, {}).get("status") == "ok" else "—"
        n_text = figure_of(nabla[base], "rate")[0] if nabla.get(base, {}).get("status") == "ok" else "—"
        md.append(f"| {w} | {t_text} | {f_text} | {n_text} |")

    md += ["", "Runs (system, workload, exit status, seconds, timeout, log):", "", "| system | workload | exit | s | timeout s | log |", "|---|---|---|---|---|---|"]
    for (system, fam), run in runs.items():
        md.append(f"| {system} | {fam} | {run['rc']} | {run['seconds']} | {run['timeout']} | `{run['log']}` |")
    if bad_n or bad_t:
        md += ["", f"Unreadable JSON lines: {', '.join(bad_n + bad_t)}"]
    text = "\n".join(md) + "\n"
    (out / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
