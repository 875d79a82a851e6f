"""Runs a model file of the MLP Playground with NumPy alone, as the seed notebook would.

    python3 scripts/numpy_forward.py model.safetensors test.csv > submission.csv

Reads the model with the plain safetensors reader below (the README's, line for line), then:
- a digit-layout model (no `schema` metadata): the CSV (Kaggle layout: label,pixel0..pixel783 or
  pixel0..pixel783) with NumPy, the notebook's forward pass (X / 255, hidden layers with the model's
  activation, softmax), and Kaggle's submission, ImageId,Label, to stdout;
- a table's model (`schema` metadata: JSON of src/data/schema.ts's Schema): the CSV with Python's csv
  module, read as the page reads it, every row encoded by the schema, the forward pass in float32 as
  the engine runs it, and the predictions file exactly as `npm run predict` writes it: a header
  `<ID column or row>,<target column>`, then each row's ID (or number from 1) and predicted class or value.
For a file with the labels (or the target) the accuracy (or R² and RMSE) goes to stderr. A table the
model cannot read ends the script with one sentence on stderr and exit code 1. Needs only Python 3
and NumPy.
"""
import csv
import io
import math
import os
import re
import sys
from decimal import ROUND_HALF_UP, Context, Decimal

# --- the README's plain reader ---
import json
import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4", "U8": "u1"}

def load_safetensors(path):
    """A safetensors file as ({name: NumPy array}, {metadata key: string})."""
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")      # header length: 8 bytes, little-endian
        header = json.loads(f.read(n))                # {name: {dtype, shape, data_offsets}}
        data = f.read()                               # the tensors' bytes, back to back
    metadata = header.pop("__metadata__", {})
    tensors = {name: np.frombuffer(data[t["data_offsets"][0]:t["data_offsets"][1]], dtype=DTYPES[t["dtype"]]).reshape(t["shape"])
               for name, t in header.items()}
    return tensors, metadata
# --- end of the README's plain reader ---


def relu(Z):
    return np.maximum(0, Z)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def softmax(Z):
    expZ = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return expZ / np.sum(expZ, axis=1, keepdims=True)


ACTIVATIONS = {"relu": relu, "sigmoid": sigmoid, "tanh": np.tanh}


def forward(X, params, activation="relu"):
    """The notebook's forward pass, for any number of layers: A = act(A @ W + b), softmax at the end."""
    layers = len(params) // 2
    A = X
    for i in range(1, layers + 1):
        Z = A @ params[f"W{i}"] + params[f"b{i}"]
        A = softmax(Z) if i == layers else ACTIVATIONS[activation](Z)
    return A


def read_csv(path):
    """Pixels as uint8 [rows, 784] and labels (or None) from a Kaggle-format CSV."""
    with open(path) as f:
        labeled = f.readline().strip().split(",")[0] == "label"
    rows = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.uint8, ndmin=2)
    return (rows[:, 1:], rows[:, 0]) if labeled else (rows, None)


def main(model_path, csv_path):
    params, metadata = load_safetensors(model_path)
    if "schema" in metadata:
        return main_table(params, metadata, csv_path)
    pixels, labels = read_csv(csv_path)
    X = pixels.astype(np.float32) / 255               # the playground's normalisation, x / 255
    predicted = np.argmax(forward(X, params, metadata.get("activation", "relu")), axis=1)
    lines = ["ImageId,Label"] + [f"{i + 1},{p}" for i, p in enumerate(predicted)]
    sys.stdout.write("\n".join(lines) + "\n")
    if labels is not None:
        print(f"accuracy: {np.mean(predicted == labels) * 100:.2f}% of {len(labels)}", file=sys.stderr)


# --- a table's model: its `schema` metadata says how each row is read (table_reader.py, beside this
# script) and encoded, so the file printed is the one `npm run predict` writes, byte for byte.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from table_reader import FLOAT32_EXACT, TableError, check_features, encode_rows, f32, number_text, parse_decimal, read_table  # noqa: E402


def linear_f32(A, W, b):
    """linear.ts + kernels.ts: each sum of products in float64, over the inputs in order, stored as float32; + b the same way."""
    Z = np.zeros((A.shape[0], W.shape[1]), dtype=np.float64)
    A64, W64 = A.astype(np.float64), W.astype(np.float64)
    for p in range(W.shape[0]):
        Z += A64[:, p:p + 1] * W64[p]                              # products of float32s are exact in float64
    return (Z.astype(np.float32).astype(np.float64) + b.astype(np.float64)).astype(np.float32)


HIDDEN_F32 = {
    "relu": lambda Z: np.where(Z < 0, np.float32(0), Z),
    "sigmoid": lambda Z: (1 / (1 + np.exp(-Z.astype(np.float64)))).astype(np.float32),
    "tanh": lambda Z: np.tanh(Z.astype(np.float64)).astype(np.float32),
}


def softmax_f32(Z):
    """loss.ts softmaxRow: exp(z - max) kept as float32, divided by their float64 sum (added in class order) as a product by 1 / sum."""
    E = np.exp(Z.astype(np.float64) - Z.max(axis=1, keepdims=True).astype(np.float64))
    total = np.zeros(Z.shape[0])
    for j in range(Z.shape[1]):
        total += E[:, j]
    return (E.astype(np.float32).astype(np.float64) * (1 / total)[:, None]).astype(np.float32)


def forward_f32(X, params, activation):
    """The model's outputs as the engine computes them: hidden layers with the activation, the last one linear."""
    layers = len(params) // 2
    A = X
    for i in range(1, layers + 1):
        A = linear_f32(A, params[f"W{i}"], params[f"b{i}"].reshape(-1))
        if i < layers:
            A = HIDDEN_F32[activation](A)
    return A


def csv_cell(s):
    """submission.ts csvCell: quoted when it holds a comma, a quote or a line end (RFC 4180)."""
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


def main_table(params, metadata, csv_path):
    """A table's model on a CSV: the predictions file to stdout (submission.ts submissionCsv), notes and the score to stderr."""
    schema = json.loads(metadata["schema"])
    try:
        name, rows, columns = read_table(csv_path)
        check_features(name, columns, schema, "the model")
    except TableError as e:
        sys.exit(f"error: {e}.")
    X, unseen = encode_rows(schema, columns, rows)
    Z = forward_f32(X, params, metadata.get("activation", "relu"))
    target = schema["target"]
    if target["task"] == "regression":
        values = (Z[:, 0].astype(np.float64) * target["std"] + target["mean"]).astype(np.float32)
        predicted = [number_text(float(v), True) for v in values]
    else:
        classes = np.argmax(softmax_f32(Z), axis=1)                 # the first of the most probable, as argmax.ts
        predicted = [target["classes"][k] for k in classes]
    id_column = columns.get(schema["idColumn"]) if schema.get("idColumn") else None
    lines = [f'{csv_cell(id_column.name if id_column else "row")},{csv_cell(target["column"])}']
    lines += [f"{csv_cell(id_column.cell_text(i)) if id_column else i + 1},{csv_cell(p)}" for i, p in enumerate(predicted)]
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))
    sys.stdout.flush()
    if unseen:
        print(f"note: {unseen} cells had a category the training rows never had (encoded as none of the known ones)", file=sys.stderr)
    if target["column"] in columns:
        print(score_table(target, columns[target["column"]], values if target["task"] == "regression" else classes), file=sys.stderr)


def score_table(target, col, outputs):
    """Accuracy on the file's known classes, or R² and RMSE on its values (rows without a known target left out)."""
    rows = len(col.values)
    if target["task"] == "regression":
        known = [(i, v if not col.text else parse_decimal(v, col.comma)) for i, v in enumerate(col.values) if v is not None]
        known = [(i, y) for i, y in known if y is not None]
        if not known:
            return "no row has a target value"
        y = np.array([y for _, y in known], dtype=np.float64)
        p = outputs[[i for i, _ in known]].astype(np.float64)
        sse, sst = np.sum((p - y) ** 2), np.sum((y - y.mean()) ** 2)
        r2 = f"{1 - sse / sst:.4f}" if len(y) > 1 and sst > 0 else "n/a"
        left = f" ({rows - len(y)} rows without a target left out)" if len(y) < rows else ""
        return f"R² {r2}, RMSE {np.sqrt(sse / len(y)):.4g} over {len(y)} rows{left}"
    index = {name: k for k, name in enumerate(target["classes"])}
    known = [(i, index[col.cell_text(i)]) for i in range(rows) if col.values[i] is not None and col.cell_text(i) in index]
    if not known:
        return "no row has a class the model knows"
    labels = np.array([k for _, k in known])
    correct = np.mean(outputs[[i for i, _ in known]] == labels)
    left = f" ({rows - len(known)} rows without a known class left out)" if len(known) < rows else ""
    return f"accuracy: {correct * 100:.2f}% of {len(known)}{left}"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 scripts/numpy_forward.py MODEL.safetensors DATA.csv > submission.csv")
    main(sys.argv[1], sys.argv[2])
