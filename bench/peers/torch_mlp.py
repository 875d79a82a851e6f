"""The Table preset's MLP in PyTorch on the CPU, as a speed peer for `npm run bench` (the large table).

    /usr/bin/python3 bench/peers/torch_mlp.py PREFIX --threads 1,2 [options]

PREFIX names the .npy files the bench writes (bench/big-table.ts): PREFIX-train-x.npy (float32, rows x
features), PREFIX-train-y.npy (uint8 classes), and the same for -test-. The features are standardised
once, before timing, with the training rows' mean and standard deviation, and held as float32 tensors
(the data "already prepared", as ours holds it in its WebAssembly memory). The model is the Table
preset's: Linear(features, 100), ReLU, Linear(100, classes), softmax cross-entropy, Adam lr 0.001 with
L2 1e-4 (weight_decay), batch 200; each epoch's order a fresh permutation, each batch gathered by
index (X[idx]), as a plain PyTorch training loop is written.

For each thread count in --threads, in that order: torch.set_num_threads(t), --warmup untimed batches,
then --batches timed ones (continuing the same epochs). Prints one JSON line:
{"torch", "runs": [{"threads", "samplesPerSec", "seconds", "samples"}], "testAcc"} (testAcc: the
model after all the batches, on the test rows).
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn.functional as F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('prefix')
    ap.add_argument('--threads', default='1', help='thread counts to time, comma separated, in order')
    ap.add_argument('--warmup', type=int, default=100)
    ap.add_argument('--batches', type=int, default=720)
    ap.add_argument('--batch', type=int, default=200)
    ap.add_argument('--hidden', type=int, default=100)
    ap.add_argument('--lr', type=float, default=0.001)
    ap.add_argument('--weight-decay', type=float, default=1e-4)
    ap.add_argument('--seed', type=int, default=42)
    a = ap.parse_args()
    torch.manual_seed(a.seed)

    xtr = np.load(f'{a.prefix}-train-x.npy')
    ytr = np.load(f'{a.prefix}-train-y.npy').astype(np.int64)
    xte = np.load(f'{a.prefix}-test-x.npy')
    yte = np.load(f'{a.prefix}-test-y.npy').astype(np.int64)
    mean, std = xtr.mean(axis=0), xtr.std(axis=0)
    std[std == 0] = 1
    X = torch.from_numpy(((xtr - mean) / std).astype(np.float32))
    y = torch.from_numpy(ytr)
    Xte = torch.from_numpy(((xte - mean) / std).astype(np.float32))
    n, features = X.shape
    classes = int(max(ytr.max(), yte.max())) + 1

    model = torch.nn.Sequential(torch.nn.Linear(features, a.hidden), torch.nn.ReLU(), torch.nn.Linear(a.hidden, classes))
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    state = {'perm': torch.randperm(n), 'at': 0}

    def train(batches):
        samples = 0
        for _ in range(batches):
            if state['at'] >= n:
                state['perm'], state['at'] = torch.randperm(n), 0
            idx = state['perm'][state['at']:state['at'] + a.batch]
            state['at'] += a.batch
            xb, yb = X[idx], y[idx]
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            samples += idx.shape[0]
        return samples

    runs = []
    for t in [int(s) for s in a.threads.split(',') if s]:
        torch.set_num_threads(t)
        train(a.warmup)
        t0 = time.perf_counter()
        samples = train(a.batches)
        seconds = time.perf_counter() - t0
        runs.append({'threads': torch.get_num_threads(), 'samplesPerSec': samples / seconds, 'seconds': seconds, 'samples': samples})
    with torch.no_grad():
        acc = float((model(Xte).argmax(dim=1).numpy() == yte).mean())
    print(json.dumps({'torch': torch.__version__, 'runs': runs, 'testAcc': acc}))


if __name__ == '__main__':
    main()
