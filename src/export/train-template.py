#!/usr/bin/env python3
"""{{title}}: an MLP Playground experiment, exported to PyTorch.

Exported {{created}} from {{source}}.
It runs the playground's experiment: the same CSV read with the same schema, the same split, the
same initial weights (bit for bit: the playground's generator is NumPy's MT19937), the same order of
rows every epoch, the same optimiser, schedule, early stopping and augmentation.

    pip install torch numpy
    python train.py                                   # one process: the CPU, or a GPU with --device cuda
    torchrun --nproc_per_node 4 train.py              # 4 processes, DistributedDataParallel (gloo on CPU, nccl on GPU)
    torchrun --nnodes 2 --node_rank 0 --master_addr HOST --master_port 29500 --nproc_per_node 4 train.py   # many machines

    python train.py [--data FILE.csv] [--test FILE.csv] [--epochs N] [--device cpu|cuda|auto]
                    [--resume M.safetensors] [--out M.safetensors] [--predict FILE.csv [--probs]] [--batch N]

Each epoch prints one JSON line, with the names `npm run train -- --json` uses, then a summary line.
The model is saved as a .safetensors file in the playground's layout (W [in, out], the schema), so the
page's `Model file` loads it back. Under torchrun only rank 0 prints and saves.

Where this script's random draws differ from the playground's (everything else is drawn alike):
- dropout masks: PyTorch's nn.Dropout (the playground hashes (seed, step, layer, unit));
- augmentation: a NumPy Generator seeded from the seed (the playground keeps a bank of elastic
  fields); the transforms themselves follow the playground's definitions (src/data/augment.ts).
"""
import argparse
import csv
import io
import json
import math
import os
import re
import struct
import sys
import time
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------- the recipe
# As the playground set it; the names are the playground's settings (and its CLI's flags).
DATA = {{data}}                  # the CSV the recipe was exported for (--data)
HIDDEN = {{hidden}}              # hidden layer sizes
ACTIVATION = {{activation}}      # of every hidden layer
INIT = {{init}}                  # "he": N(0, 2 / in); "xavier": N(0, 2 / (in + out)); biases 0
DROPOUT = {{dropout}}            # after each hidden layer's activation
OPTIMIZER = {{optimizer}}        # "sgd", "momentum" (0.9), "adam" (0.9, 0.999, 1e-8)
LR = {{lr}}                      # the base learning rate
WEIGHT_DECAY = {{weightDecay}}   # L2: adds λ·W to the gradient of every weight matrix (not the biases)
BATCH_SIZE = {{batchSize}}
EPOCHS = {{epochs}}
SEED = {{seed}}                  # the split, the initial weights and the order of rows each epoch
VAL_SHARE = {{valShare}}         # share of the rows held out
SPLIT = {{split}}                # "sequential": the last rows held out; "shuffled": from the seed, stratified by class
SHUFFLE = {{shuffle}}            # reshuffle the training rows every epoch
SCHEDULE = {{schedule}}          # "constant", "step" (halved every STEP_SIZE epochs), "cosine"
WARMUP = {{warmup}}              # epochs of linear warm-up
STEP_SIZE = {{stepSize}}
PATIENCE = {{patience}}          # early stopping: epochs without a held-out loss lower by MIN_DELTA (0: off)
MIN_DELTA = 1e-4
AUGMENT = {{augment}}            # digits only: ± pixels, ± degrees, ± percent, elastic α and σ
# The data as the model reads it: the columns and their roles, each feature's fitted mean, std, fill
# or categories, the target's classes (or its mean and std), fitted on the training rows.
SCHEMA = json.loads(r"""{{schema}}""")
# The settings as the playground records them in a model file.
SETTINGS = json.loads(r"""{{settings}}""")
STEP_GAMMA = 0.5
PIXEL_SCALE = 1 / 255            # the digit layout's pixels: byte / 255


# ---------------------------------------------------------------------------- reading a table
# scripts/table_reader.py of the playground, verbatim: the CSV read as the page reads it.
{{table_reader}}
# ---------------------------------------------------------------------------- the data

RecipeError = TableError  # data or a model file that does not fit the recipe, as one sentence


def read_digits(path):
    """A Kaggle Digit Recognizer CSV (label,pixel0..pixel783, or the pixels alone) as uint8 pixels [rows, 784] and labels (or None)."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8", errors="replace") as f:
        first = f.readline().lstrip("\ufeff").strip().split(",")
    header = not first[0].strip().lstrip("-").isdigit()
    try:
        rows = np.loadtxt(path, delimiter=",", skiprows=1 if header else 0, dtype=np.int64, ndmin=2)
    except ValueError as e:
        raise RecipeError(f'"{name}" is not a CSV of whole numbers in the digit layout ({e})')
    if rows.shape[1] not in (784, 785):
        raise RecipeError(f'"{name}" has {rows.shape[1]} columns; the digit layout has 785 (label,pixel0..pixel783) or 784 (the pixels alone)')
    labeled = rows.shape[1] == 785
    pixels = rows[:, 1:] if labeled else rows
    bad = np.argwhere((pixels < 0) | (pixels > 255))
    if len(bad):
        r, c = bad[0]
        raise RecipeError(f'"{name}" line {r + 1 + header}: pixel{c} is {pixels[r, c]}, not a byte from 0 to 255')
    labels = rows[:, 0] if labeled else None
    if labels is not None and ((labels < 0) | (labels > 9)).any():
        r = int(np.argmax((labels < 0) | (labels > 9)))
        raise RecipeError(f'"{name}" line {r + 1 + header}: the label {labels[r]} is not a digit from 0 to 9')
    return pixels.astype(np.uint8), labels


def read_data(path, labeled=True):
    """
    The rows as the model reads them: X float32 [rows, inputs] (digits: their bytes, normalised per
    batch), y (class indices, or a regression's values standardised), and the rows' file numbers.
    Rows without a target (and with missing="drop", rows missing a feature) are left out, as the
    playground leaves them out.
    """
    if not os.path.exists(path):
        raise RecipeError(f'There is no file "{path}": pass the CSV with --data (the recipe was exported for "{DATA}")')
    target = SCHEMA["target"]
    if SCHEMA["layout"] == "digits":
        pixels, labels = read_digits(path)
        if labeled and labels is None:
            raise RecipeError(f'"{os.path.basename(path)}" has no label column, so it cannot be trained or scored on')
        return pixels, (None if labels is None else labels.astype(np.int64)), np.arange(len(pixels))
    name, rows, columns = read_table(path)
    check_features(name, columns, SCHEMA, "the recipe")
    keep = np.ones(rows, dtype=bool)
    if SCHEMA["missing"] == "drop":
        for f in SCHEMA["features"]:
            keep &= np.array([v is not None for v in columns[f["column"]].values])
    y = None
    if target["column"] in columns:
        col = columns[target["column"]]
        if target["task"] == "classification":
            index = {c: k for k, c in enumerate(target["classes"])}
            known = [index.get(col.cell_text(i), -1) if col.values[i] is not None else -1 for i in range(rows)]
            y = np.array(known, dtype=np.int64)
        else:
            values = [(v if not col.text else parse_decimal(v, col.comma)) for v in col.values]
            y = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
            y = ((y - target["mean"]) / target["std"]).astype(np.float32)
        keep &= (y >= 0) if target["task"] == "classification" else ~np.isnan(y)
    elif labeled:
        raise RecipeError(f'"{name}" has no column "{target["column"]}", the target of the recipe')
    X, _ = encode_rows(SCHEMA, columns, rows)
    file_rows = np.flatnonzero(keep)
    return X[file_rows], (None if y is None else y[file_rows]), file_rows


# ---------------------------------------------------------------------------- the playground's draws


class PlaygroundRng:
    """
    src/engine/rng.ts: NumPy's legacy MT19937 (np.random.RandomState), doubles as random_sample and
    normals as randn, so every draw here is the playground's.
    """

    def __init__(self, seed):
        self.rs = np.random.RandomState(seed)

    def shuffle(self, a):
        """Fisher-Yates as rng.ts does it (j = floor(u · (i + 1)), i from the end), in place."""
        n = len(a)
        if n < 2:
            return a
        u = self.rs.random_sample(n - 1)      # one double per swap, drawn in the loop's order
        j = np.floor(u * np.arange(n, 1, -1)).astype(np.int64)
        for k, i in enumerate(range(n - 1, 0, -1)):
            a[i], a[j[k]] = a[j[k]], a[i]
        return a

    def normal(self, n):
        return self.rs.standard_normal(n)


def js_round(x):
    """JavaScript's Math.round for x >= 0 (halves up; Python's round() rounds halves to even)."""
    return int(math.floor(x + 0.5))


def held_out_count(count, share):
    return min(max(count - 1, 0), js_round(count * share))


def split_rows(count, labels, classes, rng):
    """src/data/split.ts splitIndices: the training and held-out rows (0 .. count − 1), from the same draws."""
    rows = list(range(count))
    if SPLIT == "sequential":
        n_train = count - held_out_count(count, VAL_SHARE)
        return np.array(rows[:n_train], dtype=np.int64), np.array(rows[n_train:], dtype=np.int64)
    if labels is None:
        rng.shuffle(rows)
        n_val = held_out_count(count, VAL_SHARE)
        return np.sort(np.array(rows[n_val:], dtype=np.int64)), np.sort(np.array(rows[:n_val], dtype=np.int64))
    by_class = [[] for _ in range(classes)]
    for i in range(count):
        by_class[labels[i]].append(i)
    train, val = [], []
    for members in by_class:
        rng.shuffle(members)
        n_val = js_round(len(members) * VAL_SHARE)
        val += members[:n_val]
        train += members[n_val:]
    return np.sort(np.array(train, dtype=np.int64)), np.sort(np.array(val, dtype=np.int64))


def build_model(widths, rng):
    """nn.Sequential of Linear, activation and dropout; every W drawn as src/engine/init.ts draws it, in layer order."""
    layers = []
    for i in range(len(widths) - 1):
        fan_in, fan_out = widths[i], widths[i + 1]
        linear = nn.Linear(fan_in, fan_out)
        sigma = math.sqrt(2 / fan_in) if INIT == "he" else math.sqrt(2 / (fan_in + fan_out))
        W = (rng.normal(fan_in * fan_out) * sigma).astype(np.float32).reshape(fan_in, fan_out)   # [in, out], row-major
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))     # PyTorch keeps [out, in]
            linear.bias.zero_()
        layers.append(linear)
        if i + 2 < len(widths):
            layers.append({"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}[ACTIVATION]())
            if i < len(DROPOUT) and DROPOUT[i] > 0:
                layers.append(nn.Dropout(DROPOUT[i]))
    return nn.Sequential(*layers)


def scheduled_lr(epoch, epochs):
    """src/train/schedule.ts: the rate of epoch `epoch` (0-based)."""
    if epoch < WARMUP:
        return LR * (epoch + 1) / (WARMUP + 1)
    e = epoch - WARMUP
    if SCHEDULE == "step":
        return LR * STEP_GAMMA ** (e // STEP_SIZE)
    if SCHEDULE == "cosine":
        return LR * 0.5 * (1 + math.cos(math.pi * e / max(1, epochs - WARMUP)))
    return LR


# ---------------------------------------------------------------------------- augmentation (digits)


def gaussian_kernel(sigma):
    """augment.ts gaussianKernel: exp(−k² / 2σ²) for k in −r..r, r = ceil(3σ), summing to 1."""
    r = math.ceil(3 * sigma)
    g = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * sigma * sigma))
    return torch.tensor(g / g.sum(), dtype=torch.float32)


def augment(pixels, gen):
    """
    augment.ts's transforms on a batch of images (uint8 [B, 784]) → float [B, 784] / 255: a whole-pixel
    shift, a rotation and a scale about the centre c = (13.5, 13.5), and an elastic field α · (G_σ ∗
    uniform(−1, 1) noise), sampled bilinearly back (zeros outside) and rounded to bytes:
        q = p + field(p),  s = R(−θ)·(q − c − d) / scale + c,  out(p) = src(s)
    """
    B, S = pixels.shape[0], 28
    shift, rotation, scale = AUGMENT["shift"], AUGMENT["rotation"], AUGMENT["scale"]
    alpha, sigma = AUGMENT["elasticAlpha"], AUGMENT["elasticSigma"]
    dx = gen.integers(-shift, shift + 1, B) if shift else np.zeros(B)
    dy = gen.integers(-shift, shift + 1, B) if shift else np.zeros(B)
    theta = (2 * gen.random(B) - 1) * rotation * math.pi / 180 if rotation else np.zeros(B)
    factor = 1 + (2 * gen.random(B) - 1) * scale / 100 if scale else np.ones(B)
    c = (S - 1) / 2
    ys, xs = torch.meshgrid(torch.arange(S, dtype=torch.float32), torch.arange(S, dtype=torch.float32), indexing="ij")
    dev = pixels.device
    ux = xs.to(dev)[None] - c - torch.tensor(dx, dtype=torch.float32, device=dev)[:, None, None]
    uy = ys.to(dev)[None] - c - torch.tensor(dy, dtype=torch.float32, device=dev)[:, None, None]
    if alpha:
        noise = torch.tensor(gen.random((B, 2, S, S)) * 2 - 1, dtype=torch.float32, device=dev)
        g = gaussian_kernel(sigma).to(dev)
        r = (len(g) - 1) // 2
        field = F.conv2d(noise.reshape(B * 2, 1, S, S), g.reshape(1, 1, 1, -1), padding=(0, r))   # rows
        field = F.conv2d(field, g.reshape(1, 1, -1, 1), padding=(r, 0)).reshape(B, 2, S, S) * alpha   # columns
        ux, uy = ux + field[:, 0], uy + field[:, 1]
    a = torch.tensor(np.cos(theta) / factor, dtype=torch.float32, device=dev)[:, None, None]
    b = torch.tensor(np.sin(theta) / factor, dtype=torch.float32, device=dev)[:, None, None]
    sx, sy = a * ux + b * uy + c, -b * ux + a * uy + c
    grid = torch.stack([sx / c - 1, sy / c - 1], dim=-1)          # pixel centres 0 .. 27 → −1 .. 1 (align_corners)
    images = pixels.reshape(B, 1, S, S).float()
    out = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    return torch.round(out).clamp(0, 255).reshape(B, S * S) * PIXEL_SCALE


def augmenting():
    return any(AUGMENT[k] for k in ("shift", "rotation", "scale", "elasticAlpha"))


# ---------------------------------------------------------------------------- model files


def write_safetensors(path, model, metrics, dataset):
    """The playground's model file (src/model-file): W{i} [in, out] and b{i} [out] float32, and its metadata strings."""
    linears = [m for m in model if isinstance(m, nn.Linear)]
    tensors = []
    for i, l in enumerate(linears, 1):
        tensors.append((f"W{i}", l.weight.detach().cpu().numpy().T.astype("<f4")))
        tensors.append((f"b{i}", l.bias.detach().cpu().numpy().astype("<f4")))
    widths = [linears[0].in_features] + [l.out_features for l in linears]
    metadata = {
        "format": "mlp-playground", "format_version": "1", "architecture": "-".join(map(str, widths)),
        "inputs": str(widths[0]), "classes": str(widths[-1]), "activation": ACTIVATION,
        "normalization": "x/255" if SCHEMA["layout"] == "digits" else "schema",
    }
    if SCHEMA["layout"] == "table":
        metadata["schema"] = json.dumps(SCHEMA)
    metadata["settings"] = json.dumps(SETTINGS)
    metadata["metrics"] = json.dumps(metrics)
    metadata["created"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    metadata["dataset"] = dataset
    header, offset = {"__metadata__": metadata}, 0
    for name, t in tensors:
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + t.nbytes]}
        offset += t.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for _, t in tensors:
            f.write(np.ascontiguousarray(t).tobytes())


def read_safetensors(path, widths):
    """A model file's W{i}, b{i} (as the playground writes them), checked against the recipe's widths."""
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise RecipeError(f'There is no model file "{path}"')
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise RecipeError(f'"{name}" is not a safetensors file: it is {len(blob)} bytes long')
    n = struct.unpack("<Q", blob[:8])[0]
    try:
        header = json.loads(blob[8:8 + n])
    except (ValueError, UnicodeDecodeError):
        raise RecipeError(f'"{name}" is not a safetensors file: its header is not JSON')
    metadata, data = header.pop("__metadata__", {}), blob[8 + n:]
    schema = json.loads(metadata["schema"]) if "schema" in metadata else None
    if schema is not None and SCHEMA["layout"] == "table" and [f["column"] for f in schema["features"]] != [f["column"] for f in SCHEMA["features"]]:
        raise RecipeError(f'"{name}" reads the columns {[f["column"] for f in schema["features"]]}, not the recipe\'s {[f["column"] for f in SCHEMA["features"]]}')
    params = []
    for i in range(1, len(widths)):
        for key, shape in ((f"W{i}", [widths[i - 1], widths[i]]), (f"b{i}", [widths[i]])):
            t = header.get(key)
            if t is None:
                raise RecipeError(f'"{name}" has no tensor "{key}": the recipe\'s model is {"-".join(map(str, widths))}')
            if t["dtype"] != "F32":
                raise RecipeError(f'"{name}": tensor "{key}" is {t["dtype"]}, not F32')
            if t["shape"] not in (shape, [1] + shape if key.startswith("b") else shape):
                raise RecipeError(f'"{name}": tensor "{key}" has shape {t["shape"]}, but the recipe\'s model {"-".join(map(str, widths))} needs {shape}')
            start, end = t["data_offsets"]
            params.append(np.frombuffer(data[start:end], dtype="<f4").reshape(shape))
    extra = sorted(k for k in header if k not in {f"{p}{i}" for i in range(1, len(widths)) for p in "Wb"})
    if extra:
        raise RecipeError(f'"{name}" has the tensor "{extra[0]}", which the recipe\'s model {"-".join(map(str, widths))} does not have')
    return params


def load_params(model, params):
    linears = [m for m in model if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for i, l in enumerate(linears):
            l.weight.copy_(torch.from_numpy(params[2 * i].T.copy()))
            l.bias.copy_(torch.from_numpy(params[2 * i + 1].reshape(-1).copy()))


# ---------------------------------------------------------------------------- training


def inputs(X, rows, device):
    """The model's inputs for these rows: a table's as they are, digits' bytes / 255."""
    x = torch.from_numpy(X[rows]).to(device)
    return x.float() * PIXEL_SCALE if SCHEMA["layout"] == "digits" else x


def evaluate(model, X, y, rows, device, chunk=4096):
    """Mean loss over the rows, and accuracy (classification) or the squared and absolute errors (regression)."""
    model.eval()
    loss, correct, sse, sae, n = 0.0, 0, 0.0, 0.0, len(rows)
    with torch.no_grad():
        for s in range(0, n, chunk):
            r = rows[s:s + chunk]
            out = model(inputs(X, r, device))
            t = torch.from_numpy(y[r]).to(device)
            if SCHEMA["target"]["task"] == "classification":
                loss += F.cross_entropy(out, t, reduction="sum").item()
                correct += (out.argmax(1) == t).sum().item()
            else:
                d = out[:, 0] - t
                loss += 0.5 * (d * d).sum().item()
                sse += (d.double() ** 2).sum().item()
                sae += d.double().abs().sum().item()
    return {"loss": loss / max(1, n), "acc": correct / max(1, n), "sse": sse, "sae": sae, "n": n}


def regression_scores(scores, y, rows):
    """RMSE and MAE in the target's units, and R², from standardised errors."""
    std, n = SCHEMA["target"]["std"], max(1, scores["n"])
    yr = y[rows].astype(np.float64)
    sst = float(((yr - yr.mean()) ** 2).sum()) if len(yr) else 0.0
    return std * math.sqrt(scores["sse"] / n), std * scores["sae"] / n, (1 - scores["sse"] / sst) if sst > 0 else float("nan")


def clean(record):
    """JSON with null for NaN, as JavaScript's JSON.stringify writes it."""
    return json.dumps({k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in record.items()})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default=DATA, help=f"the labeled CSV to train on (default: {DATA})")
    p.add_argument("--test", help="after training, score the model on this labeled CSV")
    p.add_argument("--epochs", type=int, default=EPOCHS, help=f"epochs (default: the recipe's {EPOCHS}; 0 saves the initial or resumed weights)")
    p.add_argument("--batch", type=int, default=BATCH_SIZE, help=f"rows a step per process (default: the recipe's {BATCH_SIZE})")
    p.add_argument("--device", default="auto", choices=["cpu", "cuda", "auto"], help="where to train (auto: a GPU when there is one)")
    p.add_argument("--resume", help="start from this model file (saved by the page, the playground's CLI or this script)")
    p.add_argument("--out", default="model.safetensors", help="where to save the trained model (default: model.safetensors)")
    p.add_argument("--predict", help="after training, predict this CSV (labeled or not) to stdout")
    p.add_argument("--probs", action="store_true", help="with --predict: each class's probability too")
    args = p.parse_args()
    if args.epochs < 0 or args.batch < 1:
        p.error("--epochs must be 0 or more and --batch 1 or more")

    world = int(os.environ.get("WORLD_SIZE", "1"))
    cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.exit("error: --device cuda, but PyTorch sees no GPU here; use --device cpu")
    if world > 1:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    rank = dist.get_rank() if world > 1 else 0
    local = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    say = (lambda *a: print(*a, file=sys.stderr, flush=True)) if rank == 0 else (lambda *a: None)

    try:
        X, y, file_rows = read_data(args.data)
    except RecipeError as e:
        sys.exit(f"error: {e}.")
    task = SCHEMA["target"]["task"]
    classes = len(SCHEMA["target"]["classes"]) if task == "classification" else 0
    rng = PlaygroundRng(SEED)
    # The playground's order of draws: the split first, then the initial weights, then each epoch's order.
    train, val = split_rows(len(X), y if task == "classification" else None, classes, rng)
    widths = [SCHEMA["inputSize"]] + HIDDEN + [classes or 1]
    model = build_model(widths, rng)
    if args.resume:
        try:
            load_params(model, read_safetensors(args.resume, widths))
        except RecipeError as e:
            sys.exit(f"error: {e}.")
    model.to(device)
    decay = [m.weight for m in model if isinstance(m, nn.Linear)]
    rest = [m.bias for m in model if isinstance(m, nn.Linear)]
    groups = [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}]
    if OPTIMIZER == "adam":
        optimizer = torch.optim.Adam(groups, lr=LR, betas=(0.9, 0.999), eps=1e-8)
    else:
        optimizer = torch.optim.SGD(groups, lr=LR, momentum=0.9 if OPTIMIZER == "momentum" else 0.0)
    net = nn.parallel.DistributedDataParallel(model, device_ids=[local] if cuda else None) if world > 1 else model
    say(f"{os.path.basename(args.data)}: {len(train)} rows train, {len(val)} held out ({SPLIT}); model {'-'.join(map(str, widths))} {ACTIVATION}; "
        f"{OPTIMIZER} lr {LR}, batch {args.batch}, {args.epochs} epochs, seed {SEED}; on {device}")
    if world > 1:
        say(f"torchrun: {world} processes, each a batch of {args.batch} rows: a step averages the gradients of {world * args.batch} rows "
            f"(the global batch; the recipe's is {BATCH_SIZE}), so an epoch takes {world}x fewer steps. "
            f"For the recipe's global batch, pass --batch {max(1, BATCH_SIZE // world)}.")

    gen = np.random.default_rng([SEED, rank])
    order = train.copy()
    best, kept, metrics = None, None, {}
    train_sst = float(((y[train].astype(np.float64) - y[train].astype(np.float64).mean()) ** 2).sum()) if task == "regression" and len(train) else float("nan")
    for epoch in range(args.epochs):
        t0 = time.perf_counter()
        lr = scheduled_lr(epoch, args.epochs)
        for g in optimizer.param_groups:
            g["lr"] = lr
        if SHUFFLE:
            rng.shuffle(order)
        # Each process takes its share of the epoch's order (all draw the same order from the seed).
        positions = list(torch.utils.data.DistributedSampler(range(len(order)), num_replicas=world, rank=rank, shuffle=False)) if world > 1 else range(len(order))
        mine = order[np.asarray(positions, dtype=np.int64)]
        net.train()
        loss_sum, correct, abs_sum, seen = torch.zeros((), dtype=torch.float64), 0, 0.0, 0
        for s in range(0, len(mine), args.batch):
            rows = mine[s:s + args.batch]
            x = augment(torch.from_numpy(X[rows]).to(device), gen) if SCHEMA["layout"] == "digits" and augmenting() else inputs(X, rows, device)
            t = torch.from_numpy(y[rows]).to(device)
            out = net(x)
            loss = F.cross_entropy(out, t) if task == "classification" else 0.5 * F.mse_loss(out[:, 0], t)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                loss_sum += loss.detach().double().cpu() * len(rows)
                if task == "classification":
                    correct += (out.argmax(1) == t).sum().item()
                else:
                    abs_sum += (out[:, 0] - t).abs().double().sum().item()
            seen += len(rows)
        if world > 1:
            totals = torch.tensor([loss_sum.item(), correct, abs_sum, seen], dtype=torch.float64)
            dist.all_reduce(totals)
            loss_sum, correct, abs_sum, seen = totals[0], totals[1].item(), totals[2].item(), totals[3].item()
        epoch_ms = (time.perf_counter() - t0) * 1000
        train_loss = float(loss_sum) / max(1, seen)
        v = evaluate(model, X, y, val, device) if len(val) else None
        metrics = {"epoch": epoch + 1, "trainLoss": train_loss, "trainAcc": correct / max(1, seen) if task == "classification" else float("nan"),
                   "valLoss": v["loss"] if v else float("nan"), "valAcc": v["acc"] if v and task == "classification" else float("nan")}
        if task == "regression":
            std = SCHEMA["target"]["std"]
            metrics.update({"trainRmse": std * math.sqrt(2 * train_loss), "trainMae": std * abs_sum / max(1, seen),
                            "trainR2": 1 - 2 * train_loss * seen / train_sst if train_sst > 0 else float("nan")})
            rmse, mae, r2 = regression_scores(v, y, val) if v else (float("nan"),) * 3
            metrics.update({"valRmse": rmse, "valMae": mae, "valR2": r2})
        metrics.update({"lr": lr, "epochMs": epoch_ms, "samplesPerSec": seen / (epoch_ms / 1000)})
        # Early stopping (src/train/run.ts watchBest): keep the weights of the lowest held-out loss.
        if v and PATIENCE > 0:
            if best is None or v["loss"] < best[1] - MIN_DELTA:
                best = (epoch + 1, v["loss"], {k: t.detach().clone() for k, t in model.state_dict().items()})
            metrics["bestEpoch"] = best[0]
        say_json = print if rank == 0 else (lambda *a, **k: None)
        say_json(clean(metrics), flush=True)
        if v and PATIENCE > 0 and (epoch + 1 - best[0] >= PATIENCE or epoch + 1 == args.epochs):
            kept = best[0]
            model.load_state_dict(best[2])
            break

    summary = {"summary": True, "arch": "-".join(map(str, widths)), "task": task, "epochs": metrics.get("epoch", 0)}
    if kept is not None:
        summary["keptEpoch"] = kept
    final = evaluate(model, X, y, val, device) if len(val) else None
    if final:
        summary["valLoss"] = final["loss"]
        if task == "classification":
            summary["valAcc"] = final["acc"]
        else:
            summary["valRmse"], summary["valMae"], summary["valR2"] = regression_scores(final, y, val)
    if args.test:
        try:
            Xt, yt, _ = read_data(args.test)
        except RecipeError as e:
            sys.exit(f"error: --test: {e}.")
        rows = np.arange(len(Xt))
        t = evaluate(model, Xt, yt, rows, device)
        summary.update({"testLoss": t["loss"], "testRows": len(rows)})
        if task == "classification":
            summary["testAcc"] = t["acc"]
        else:
            summary["testRmse"], summary["testMae"], summary["testR2"] = regression_scores(t, yt, rows)
    if rank == 0:
        saved = {"epoch": kept or metrics.get("epoch", 0), "trainLoss": metrics.get("trainLoss", float("nan")), "trainAcc": metrics.get("trainAcc", float("nan")),
                 "valLoss": summary.get("valLoss", float("nan")), "valAcc": summary.get("valAcc", float("nan"))}
        write_safetensors(args.out, model.cpu(), {k: v for k, v in saved.items() if isinstance(v, (int, float)) and math.isfinite(v)}, os.path.basename(args.data))
        summary["saved"] = args.out
        print(clean(summary), flush=True)
        if args.predict:
            predict(model, args.predict, args.probs)
    if world > 1:
        dist.destroy_process_group()


def predict(model, path, probs):
    """Predictions for every row of a CSV, to stdout: `row,<target>` (digits: Kaggle's ImageId,Label), with --probs each class's probability."""
    try:
        X, _, file_rows = read_data(path, labeled=False)
    except RecipeError as e:
        sys.exit(f"error: --predict: {e}.")
    model.eval()
    with torch.no_grad():
        out = model(inputs(X, np.arange(len(X)), torch.device("cpu")))
    target, digits = SCHEMA["target"], SCHEMA["layout"] == "digits"
    head = ["ImageId", "Label"] if digits else ["row", target["column"]]
    if target["task"] == "classification":
        p = torch.softmax(out, 1).numpy()
        names = target["classes"]
        lines = [",".join(head + ([f"p({n})" for n in names] if probs else []))]
        for i, r in enumerate(file_rows):
            k = int(p[i].argmax())
            lines.append(",".join([str(r + 1), names[k]] + ([repr(float(x)) for x in p[i]] if probs else [])))
    else:
        values = out[:, 0].double().numpy() * target["std"] + target["mean"]
        lines = [",".join(head)] + [f"{r + 1},{float(v)!r}" for r, v in zip(file_rows, values)]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
