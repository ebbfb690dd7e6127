#!/usr/bin/env python3
"""PyTorch (eager) side of Nabla's GPU benchmark: the workloads of bench/Nabla.GpuBench, one JSON line each.

Same workloads, sizes, repetitions, data, initial weights and batch orders as the Nabla runner: both derive every
"random" number from the lowbias32 hash (see HashRandom.cs), so the check values (losses, sums) can be compared.
Only torch is needed (no numpy: recent PyTorch wheels do not depend on it). TF32 is off for matmuls and
convolutions, so both systems do float32 arithmetic; W5's "-tf32" lines show the GEMM with TF32 allowed.

    python3 bench/gpu/torch_workloads.py --device cuda [--only W1,W5] [--reps N] [--quick] [--out FILE]
    python3 bench/gpu/torch_workloads.py --device cpu --quick      # a smoke test without a GPU

Exit codes: 0 all ran, 1 a workload failed (its line says why), 2 bad arguments, 3 the device is not available.
"""

import argparse
import gzip
import json
import math
import os
import platform
import struct
import sys
import time
import traceback
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

M32 = 0xFFFFFFFF
BATCH = 100
REPO = Path(__file__).resolve().parents[2]


# ---- the shared deterministic data (HashRandom.cs) -------------------------------------------------------------

def hash32_int(x):
    """lowbias32 on a Python int."""
    x &= M32
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M32
    x ^= x >> 15
    x = (x * 0x846CA68B) & M32
    x ^= x >> 16
    return x


def _mul32(x, c):
    # x·c mod 2³² without overflowing int64: x < 2³² times a 16-bit half stays below 2⁴⁸.
    lo, hi = c & 0xFFFF, c >> 16
    return (x * lo + (((x * hi) & 0xFFFF) << 16)) & M32


def hash32(x):
    """lowbias32 on an int64 tensor of values in [0, 2³²)."""
    x = x ^ (x >> 16)
    x = _mul32(x, 0x7FEB352D)
    x = x ^ (x >> 15)
    x = _mul32(x, 0x846CA68B)
    return x ^ (x >> 16)


def keys(seed, count, device):
    i = torch.arange(count, dtype=torch.int64, device=device)
    return hash32((i + hash32_int(seed)) & M32)


def uniform(seed, count, bound, device):
    """Floats in [-bound, bound), bit for bit those of HashRandom.Uniform."""
    u = (keys(seed, count, device) >> 8).to(torch.float32) * (1.0 / 16777216.0)
    return (2 * u - 1) * bound


def labels(seed, count, classes, device):
    return keys(seed, count, device) % classes


def permutation(seed, n):
    return torch.argsort(keys(seed, n, "cpu"))


def set_weight(param, seed, fan_in, shape_in_nabla=None):
    """Uniform in ±√(3/fan-in); a Linear's values are drawn in Nabla's (in, out) order, then transposed."""
    with torch.no_grad():
        if shape_in_nabla is None:
            values = uniform(seed, param.numel(), math.sqrt(3.0 / fan_in), "cpu").reshape(param.shape)
        else:
            values = uniform(seed, param.numel(), math.sqrt(3.0 / fan_in), "cpu").reshape(shape_in_nabla).t()
        param.copy_(values)


def set_conv(conv, seed):
    w = conv.weight
    set_weight(w, seed, w.shape[1] * w.shape[2] * w.shape[3])
    if conv.bias is not None:
        with torch.no_grad():
            conv.bias.zero_()


def set_linear(linear, seed):
    out_f, in_f = linear.weight.shape
    set_weight(linear.weight, seed, in_f, shape_in_nabla=(in_f, out_f))
    if linear.bias is not None:
        with torch.no_grad():
            linear.bias.zero_()


# ---- MNIST from the repository's IDX files (src/Nabla/Data/IdxReader.cs) ----------------------------------------

def read_idx(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    values = torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8)
    return values.reshape(shape)


def mnist_train(directory):
    d = Path(directory)
    pick = lambda base: d / (base + ".gz") if (d / (base + ".gz")).exists() else d / base
    images = read_idx(pick("train-images-idx3-ubyte"))
    targets = read_idx(pick("train-labels-idx1-ubyte"))
    return images.unsqueeze(1).to(torch.float32), targets.to(torch.int64)


# ---- timing ------------------------------------------------------------------------------------------------------

class Runner:
    def __init__(self, args, device):
        self.args, self.device = args, device
        self.cuda = device.type == "cuda"

    def sync(self):
        if self.cuda:
            torch.cuda.synchronize(self.device)

    def reps(self, full, quick):
        return self.args.reps or (quick if self.args.quick else full)

    def measure(self, once, warmups, reps):
        """As Timing.Measure: warm-ups, then repetitions, stopping early past the budget (at least one of each)."""
        budget = self.args.budget_s
        start = time.perf_counter()
        run, done_warmups, cut = 0, 0, False
        while done_warmups < warmups:
            if done_warmups > 0 and time.perf_counter() - start > budget / 2:
                cut = True
                break
            once(run)
            run += 1
            done_warmups += 1
        times = []
        while len(times) < reps:
            if times and time.perf_counter() - start + max(times) / 1000 > budget:
                cut = True
                break
            times.append(once(run))
            run += 1
        return times, done_warmups, cut


def number(v):
    return v if v is not None and math.isfinite(v) else None


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


# ---- workloads ---------------------------------------------------------------------------------------------------

def mnist_workload(r, cnn):
    dev = r.device
    if cnn:
        conv1, conv2, fc = nn.Conv2d(1, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1), nn.Linear(1568, 10)
        set_conv(conv1, 201)
        set_conv(conv2, 202)
        set_linear(fc, 203)
        model = nn.Sequential(conv1, nn.ReLU(), nn.MaxPool2d(2), conv2, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), fc)
        opt_args = dict(lr=1e-3)
    else:
        layers = [nn.Linear(784, 1000), nn.Linear(1000, 1000), nn.Linear(1000, 10)]
        for i, layer in enumerate(layers):
            set_linear(layer, 101 + i)
        model = nn.Sequential(layers[0], nn.ReLU(), layers[1], nn.ReLU(), layers[2])
        opt_args = dict(lr=1e-3, weight_decay=1e-4)
    model.to(dev)
    optimizer = torch.optim.Adam(model.parameters(), **opt_args)
    images, targets = mnist_train(r.args.data)
    n = 1000 if r.args.quick else images.shape[0]
    x = (images[:n] * (1 / 255.0)).contiguous()
    if not cnn:
        x = x.reshape(n, 784)
    x, t = x.to(dev), targets[:n].contiguous().to(dev)
    steps = n // BATCH
    losses = []

    def epoch(e):
        order = permutation(1000 + e, n).to(dev)
        batches = [order[s * BATCH:(s + 1) * BATCH] for s in range(steps)]
        r.sync()
        t0 = time.perf_counter()
        total = torch.zeros((), device=dev)
        for index in batches:
            loss = F.cross_entropy(model(x.index_select(0, index)), t.index_select(0, index))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total = total + loss.detach()
        s = total.item()
        ms = (time.perf_counter() - t0) * 1000
        losses.append(s / steps)
        return ms

    times, warmups, cut = r.measure(epoch, 1, r.reps(5, 2))
    work = (f"1 epoch = {steps} steps of batch {BATCH} on {n} digits, "
            + ("conv 1->16 3x3, pool, conv 16->32 3x3, pool, linear 1568->10, Adam 1e-3" if cnn
               else "MLP 784-1000-1000-10 ReLU, Adam 1e-3 + weight decay 1e-4"))
    yield ok("W2" if cnn else "W1", "cnn-mnist" if cnn else "mlp-mnist", "ms / epoch", work, times, warmups, cut,
             {"loss_epoch1": losses[0]}, {"loss_last_epoch": losses[-1], "epochs": len(losses)})


def gemm_workload(r, ids):
    dev = r.device
    for wid in ids:
        base = wid[:len("W5-8192")]
        tf32 = wid.endswith("-tf32")
        n = int(base[3:]) // (32 if r.args.quick else 1)
        a = uniform(501, n * n, 1.0, dev).reshape(n, n)
        b = uniform(502, n * n, 1.0, dev).reshape(n, n)
        holder = {}

        def once(run):
            holder.pop("c", None)
            r.sync()
            t0 = time.perf_counter()
            holder["c"] = a @ b
            r.sync()
            return (time.perf_counter() - t0) * 1000

        previous = torch.backends.cuda.matmul.allow_tf32
        torch.backends.cuda.matmul.allow_tf32 = tf32
        try:
            times, warmups, cut = r.measure(once, 2, r.reps(5 if n >= 8192 else 10, 3))
        finally:
            torch.backends.cuda.matmul.allow_tf32 = previous
        c = holder["c"]
        flop = 2.0 * n * n * n
        check = {"mean_abs_c": c.double().abs().mean().item(), "c00": c[0, 0].item()}
        del a, b, c, holder
        yield ok(wid, "gemm", "TFLOP/s", f"{n}x{n} @ {n}x{n} float32" + (", TF32 allowed" if tf32 else ""),
                 times, warmups, cut, check,
                 {"n": n, "tflops_median": flop / (median(times) * 1e-3) / 1e12, "tflops_best": flop / (min(times) * 1e-3) / 1e12})


def elementwise_workload(r):
    dev = r.device
    size = 100_000 if r.args.quick else 10_000_000
    x = uniform(601, size, 2.0, dev)
    last = {}

    def once(run):
        xv = x.detach().requires_grad_(True)
        r.sync()
        t0 = time.perf_counter()
        y = (torch.tanh(xv) * xv + torch.exp(-xv)).sum()
        y.backward()
        r.sync()
        ms = (time.perf_counter() - t0) * 1000
        last["x"], last["y"] = xv, y
        return ms

    times, warmups, cut = r.measure(once, 3, r.reps(20, 5))
    check = {"y": last["y"].item(), "grad_sum": last["x"].grad.double().sum().item()}
    yield ok("W6", "elementwise", "ms / forward+backward", f"{size:,} float32", times, warmups, cut, check)


class BasicBlock(nn.Module):
    """As Models/BasicBlock.cs: conv-BN-ReLU-conv-BN plus the input or a 1x1 strided projection with BN, then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = bn(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = bn(cout)
        self.projection = None
        if stride != 1 or cin != cout:
            self.projection = nn.Conv2d(cin, cout, 1, stride, bias=False)
            self.projection_bn = bn(cout)

    def convolutions(self):
        return [self.conv1, self.conv2] + ([self.projection] if self.projection is not None else [])

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        shortcut = x if self.projection is None else self.projection_bn(self.projection(x))
        return F.relu(h + shortcut)


def bn(c):
    # Nabla's BatchNorm: decay 0.9 (PyTorch's momentum 0.1), eps 2e-5.
    return nn.BatchNorm2d(c, eps=2e-5, momentum=0.1)


class SmallResNet(nn.Module):
    """As Models/SmallResNet.cs."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.stem_bn = bn(64)
        self.blocks = nn.Sequential(BasicBlock(64, 64, 1), BasicBlock(64, 64, 1), BasicBlock(64, 128, 2), BasicBlock(128, 128, 1))
        self.fc = nn.Linear(128, 10)

    def convolutions(self):
        return [self.stem] + [c for b in self.blocks for c in b.convolutions()]

    def forward(self, x):
        h = self.blocks(F.relu(self.stem_bn(self.stem(x))))
        h = F.avg_pool2d(h, (h.shape[2], h.shape[3]))
        return self.fc(torch.flatten(h, 1))


def resnet_workload(r):
    dev = r.device
    batch, side = (4, 16) if r.args.quick else (64, 32)
    model = SmallResNet()
    for k, conv in enumerate(model.convolutions()):
        set_conv(conv, 301 + k)
    set_linear(model.fc, 350)
    model.to(dev).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = uniform(310, batch * 3 * side * side, 1.0, dev).reshape(batch, 3, side, side)
    t = labels(311, batch, 10, dev)
    losses = []

    def once(run):
        r.sync()
        t0 = time.perf_counter()
        loss = F.cross_entropy(model(x), t)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        value = loss.item()
        r.sync()
        ms = (time.perf_counter() - t0) * 1000
        losses.append(value)
        return ms

    times, warmups, cut = r.measure(once, 3, r.reps(20, 3))
    yield ok("R", "resnet-step", "ms / training step",
             f"batch {batch} of 3x{side}x{side}, conv 3->64 + 4 basic blocks (64, 64, 128/2, 128) with BN, avg-pool, linear 10, SGD 0.01",
             times, warmups, cut, {"loss_step1": losses[0], "loss_last_step": losses[-1]}, {"steps": len(losses)})


# ---- output ------------------------------------------------------------------------------------------------------

CONTEXT = {}


def header(wid, name, status):
    return {"system": "torch", "id": wid, "name": name, "device": CONTEXT["device"], "device_name": CONTEXT["device_name"],
            "quick": CONTEXT["quick"], "status": status}


def ok(wid, name, figure, work, times, warmups, cut, check, extra=None):
    line = header(wid, name, "ok")
    line.update(figure=figure, work=work, median_ms=number(median(times)), min_ms=number(min(times)),
                times_ms=[number(t) for t in times], warmups=warmups, reps=len(times), cut_by_budget=cut,
                check={k: number(v) for k, v in check.items()})
    if extra:
        line["extra"] = {k: number(v) for k, v in extra.items()}
    return line


# id -> (name, family); --only W5 selects every W5-* id, as the Nabla runner does.
WORKLOADS = [
    (["W1"], "mlp-mnist", lambda r, ids: mnist_workload(r, cnn=False)),
    (["W2"], "cnn-mnist", lambda r, ids: mnist_workload(r, cnn=True)),
    (["W5-4096", "W5-8192", "W5-4096-tf32", "W5-8192-tf32"], "gemm", gemm_workload),
    (["W6"], "elementwise", lambda r, ids: elementwise_workload(r)),
    (["R"], "resnet-step", lambda r, ids: resnet_workload(r)),
]


def selects(only, wid):
    return only is None or any(wid.lower() == t.lower() or wid.lower().startswith(t.lower() + "-") for t in only)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default="cuda")
    p.add_argument("--only", default=None, help="comma-separated ids or families: W1,W2,W5,W6,R (W5-8192-tf32 ...)")
    p.add_argument("--reps", type=int, default=None)
    p.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test on a CPU")
    p.add_argument("--out", default=None, help="also append the JSON lines to this file")
    p.add_argument("--data", default=str(REPO / "data" / "mnist-10k"))
    p.add_argument("--budget-s", type=float, default=60.0, help="soft time cap per workload (seconds)")
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (CPU runs)")
    args = p.parse_args()
    if args.reps is not None and args.reps <= 0:
        p.error("--reps must be positive")
    only = [t.strip() for t in args.only.split(",") if t.strip()] if args.only else None
    selected = [(ids, name, fn, [i for i in ids if selects(only, i)]) for ids, name, fn in WORKLOADS]
    selected = [s for s in selected if s[3]]
    if not selected:
        print(f"--only {args.only}: no such workload", file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)

    try:
        device = torch.device(args.device)
    except RuntimeError as e:
        print(f"--device {args.device}: {e}", file=sys.stderr)
        return 2
    if device.type == "cuda" and device.index is None:
        device = torch.device("cuda", 0)
    available = device.type == "cpu" or (device.type == "cuda" and torch.cuda.is_available()
                                         and device.index < torch.cuda.device_count())
    # Float32 arithmetic on both sides: PyTorch allows TF32 in cuDNN convolutions by default, Nabla has no TF32.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    CONTEXT.update(device=str(device), quick=args.quick,
                   device_name=torch.cuda.get_device_name(device) if available and device.type == "cuda" else platform.processor() or "cpu")

    out = open(args.out, "a") if args.out else None

    def emit(line):
        text = json.dumps(line)
        print(text, flush=True)
        if out:
            out.write(text + "\n")
            out.flush()

    info = header("info", "info", "ok")
    info.update(torch=torch.__version__, cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
                python=platform.python_version(), threads=torch.get_num_threads(), processors=os.cpu_count(),
                matmul_tf32=False, cudnn_tf32=False, cudnn_benchmark=torch.backends.cudnn.benchmark)
    emit(info)
    if not available:
        why = f"device {device} is not available (torch {torch.__version__}, cuda {torch.version.cuda}, cuda available: {torch.cuda.is_available()})"
        print(why, file=sys.stderr)
        for _, name, _, ids in selected:
            for wid in ids:
                emit(dict(header(wid, name, "unavailable"), error=why))
        return 3

    r = Runner(args, device)
    failures = 0
    for _, name, fn, ids in selected:
        done = set()
        try:
            for line in fn(r, ids):
                emit(line)
                done.add(line["id"])
        except Exception as e:  # one workload's failure (out of memory, ...) must not hide the others
            traceback.print_exc()
            for wid in ids:
                if wid not in done:
                    emit(dict(header(wid, name, "error"), error=f"{type(e).__name__}: {e}"))
                    failures += 1
        if r.cuda:
            torch.cuda.empty_cache()
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
