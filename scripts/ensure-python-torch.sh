#!/usr/bin/env bash
# Makes sure Debian's python3 has PyTorch (python3-torch, the CPU build) and NumPy, for the tests that
# run the exported PyTorch script (tests/unit/export/pytorch.test.ts, tests/e2e/export.spec.ts).
# Idempotent: installs only what is missing (PyPI is not reachable on CI machines).
set -u
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import torch, numpy' >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
echo "[python] no python3 with PyTorch: installing Debian's python3-torch and python3-numpy (about a minute)"
if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 python3 python3-numpy python3-torch >/dev/null; then
  echo "[python] installed $("$PY" -c 'import torch, numpy; print("PyTorch", torch.__version__, "NumPy", numpy.__version__)')"
else
  echo "[python] could not install python3-torch with apt-get; set PYTHON to a python3 that has torch and numpy" >&2
  exit 1
fi
