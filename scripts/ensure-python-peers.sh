#!/usr/bin/env bash
# Makes sure Debian's python3 has the peers of the table benchmarks: PyTorch (python3-torch, the CPU
# build) and scikit-learn (python3-sklearn), on NumPy with OpenBLAS (ensure-numpy-openblas.sh).
# Idempotent: installs only what is missing (PyPI is not reachable here), then prints the versions.
set -u
PY=/usr/bin/python3
HERE="$(cd "$(dirname "$0")" && pwd)"
bash "$HERE/ensure-numpy-openblas.sh" >/dev/null || exit 1
missing=()
"$PY" -c 'import torch' >/dev/null 2>&1 || missing+=(python3-torch)
"$PY" -c 'import sklearn' >/dev/null 2>&1 || missing+=(python3-sklearn)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "[python] installing ${missing[*]} (about a minute)" >&2
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null; }; then
    echo "[python] could not install ${missing[*]} with apt-get" >&2
    exit 1
  fi
fi
"$PY" -c 'import torch, sklearn, numpy; print(f"PyTorch {torch.__version__}, scikit-learn {sklearn.__version__}, NumPy {numpy.__version__}")'
