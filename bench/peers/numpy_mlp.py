"""The seed notebook's MLP in plain NumPy, as a speed peer for `npm run bench`.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/numpy_mlp.py DATA DTYPE [options]

DATA is a Kaggle Digit Recognizer train CSV (header, then label,pixel0..pixel783), or the same rows as raw
bytes (a .u8 file: 785 bytes a row, the label first), which loads in a blink; DTYPE is float32 or
float64. The first 80% of the rows train, in file order (no shuffling), in minibatches (the last one
may be short); the last 20% are held out. Hidden layers ReLU (He-normal init) or sigmoid (Xavier-normal,
as the engine initialises sigmoid), zero biases, softmax cross-entropy, SGD or Adam (0.9, 0.999, 1e-8).
Only the training loop is timed (pixels are scaled to [0, 1] once, before it, as the notebook does).
With --rounds R, the timed loop runs R times over (training on), and samplesPerSec is the median round's.
Prints one JSON line: {"samplesPerSec", "rounds", "valAcc", "samples", "seconds", "dtype", "blas"}.
"""
import argparse
import json
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('csv')
    ap.add_argument('dtype', choices=['float32', 'float64'])
    ap.add_argument('--epochs', type=float, default=1.0, help='epochs to train (a fraction trains that share of one)')
    ap.add_argument('--hidden', default='128', help='hidden sizes, comma separated')
    ap.add_argument('--activation', choices=['relu', 'sigmoid'], default='relu')
    ap.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')
    ap.add_argument('--lr', type=float, default=0.1)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--rounds', type=int, default=1, help='times to run the timed loop; the median is reported')
    a = ap.parse_args()
    dt = np.dtype(a.dtype)

    if a.csv.endswith('.u8'):
        data = np.fromfile(a.csv, dtype=np.uint8).reshape(-1, 785)
    else:
        data = np.loadtxt(a.csv, delimiter=',', skiprows=1, dtype=np.uint8)
    n = data.shape[0]
    n_train = int(round(n * 0.8))
    X = data[:, 1:].astype(dt) / dt.type(255)
    y = data[:, 0].astype(np.int64)
    Xtr, ytr, Xva, yva = X[:n_train], y[:n_train], X[n_train:], y[n_train:]

    rng = np.random.default_rng(a.seed)
    sizes = [X.shape[1]] + [int(h) for h in a.hidden.split(',') if h] + [10]
    W, b = [], []
    for fi, fo in zip(sizes[:-1], sizes[1:]):
        sigma = np.sqrt(2.0 / fi) if a.activation == 'relu' else np.sqrt(2.0 / (fi + fo))
        W.append((rng.standard_normal((fi, fo)) * sigma).astype(dt))
        b.append(np.zeros(fo, dtype=dt))
    params = W + b
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = dt.type(a.lr), 0.9, 0.999, 1e-8
    relu = a.activation == 'relu'
    L = len(W)

    def forward(x):
        hs = [x]
        for l in range(L):
            z = hs[-1] @ W[l] + b[l]
            if l + 1 < L:
                z = np.maximum(z, 0) if relu else dt.type(1) / (dt.type(1) + np.exp(-z))
            hs.append(z)
        return hs

    starts = list(range(0, n_train, a.batch))
    total = int(round(len(starts) * a.epochs))
    t = 0
    rates = []
    seconds = 0.0
    for _ in range(a.rounds):
        samples, secs, t = train_loop(total, starts, a, Xtr, ytr, W, b, params, m, v, lr, b1, b2, eps, relu, L, forward, dt, t)
        seconds += secs
        rates.append(samples / secs)
    rates_sorted = sorted(rates)
    rate = rates_sorted[len(rates) // 2] if len(rates) % 2 else (rates_sorted[len(rates) // 2 - 1] + rates_sorted[len(rates) // 2]) / 2

    assert all(q.dtype == dt for q in params), 'a parameter changed dtype'
    val_acc = float((forward(Xva)[-1].argmax(axis=1) == yva).mean()) if len(yva) else float('nan')
    blas = sorted({ln.split()[-1] for ln in open('/proc/self/maps') if 'blas' in ln.lower() and '.so' in ln})
    print(json.dumps({'samplesPerSec': rate, 'rounds': rates, 'valAcc': val_acc, 'samples': samples * a.rounds,
                      'seconds': seconds, 'dtype': a.dtype, 'blas': [x for x in blas if 'libopenblas' in x] or blas}))


def train_loop(total, starts, a, Xtr, ytr, W, b, params, m, v, lr, b1, b2, eps, relu, L, forward, dt, t):
    """One timed run of `total` minibatches; returns (samples, seconds, Adam's t)."""
    samples = 0
    t0 = time.perf_counter()
    for k in range(total):
        s = starts[k % len(starts)]
        xb, yb = Xtr[s:s + a.batch], ytr[s:s + a.batch]
        bs = xb.shape[0]
        hs = forward(xb)
        logits = hs[-1]
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(bs), yb] -= 1
        d = p / dt.type(bs)
        gW, gb = [None] * L, [None] * L
        for l in range(L - 1, -1, -1):
            gW[l] = hs[l].T @ d
            gb[l] = d.sum(axis=0)
            if l > 0:
                d = d @ W[l].T
                h = hs[l]
                d = d * (h > 0) if relu else d * h * (dt.type(1) - h)
        grads = gW + gb
        if a.optimizer == 'sgd':
            for q, g in zip(params, grads):
                q -= lr * g
        else:
            t += 1
            step = dt.type(a.lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t))
            eps_hat = dt.type(eps * np.sqrt(1 - b2 ** t))
            for q, g, mi, vi in zip(params, grads, m, v):
                mi *= dt.type(b1)
                mi += dt.type(1 - b1) * g
                vi *= dt.type(b2)
                vi += dt.type(1 - b2) * g * g
                q -= step * mi / (np.sqrt(vi) + eps_hat)
        samples += bs
    return samples, time.perf_counter() - t0, t


if __name__ == '__main__':
    main()
