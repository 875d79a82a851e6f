"""Runs a model file of the MLP Playground with NumPy alone, as the seed notebook would.

    python3 scripts/numpy_forward.py model.safetensors test.csv > submission.csv

Reads the model with the plain safetensors reader below (the README's, line for line), the CSV
(Kaggle layout: label,pixel0..pixel783 or pixel0..pixel783) with NumPy, runs the notebook's forward
pass (X / 255, hidden layers with the model's activation, softmax) and prints Kaggle's submission,
ImageId,Label, to stdout. For a labeled CSV the accuracy goes to stderr. Needs only Python 3 and NumPy.
"""
import sys

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
    pixels, labels = read_csv(csv_path)
    X = pixels.astype(np.float32) / 255               # the playground's normalisation, x / 255
    predicted = np.argmax(forward(X, params, metadata.get("activation", "relu")), axis=1)
    lines = ["ImageId,Label"] + [f"{i + 1},{p}" for i, p in enumerate(predicted)]
    sys.stdout.write("\n".join(lines) + "\n")
    if labels is not None:
        print(f"accuracy: {np.mean(predicted == labels) * 100:.2f}% of {len(labels)}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 scripts/numpy_forward.py MODEL.safetensors DATA.csv > submission.csv")
    main(sys.argv[1], sys.argv[2])
