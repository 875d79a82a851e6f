#!/usr/bin/env bash
# Makes sure a python3 with NumPy exists for the test that reads our model files with the README's
# plain NumPy reader (tests/unit/model-file/numpy.test.ts), installing Debian's python3 and
# python3-numpy when it is missing (PyPI is not reachable on CI machines).
set -u
# Debian's own python3 is the client the test means; $PYTHON may name another.
for PY in ${PYTHON:+"$PYTHON"} /usr/bin/python3; do
  if command -v "$PY" >/dev/null 2>&1 && "$PY" -c 'import numpy' >/dev/null 2>&1; then
    exit 0
  fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
echo "[python] no python3 with NumPy: installing Debian's python3 and python3-numpy"
if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 python3 python3-numpy >/dev/null; then
  echo "[python] installed $(/usr/bin/python3 -c 'import sys, numpy; print("Python", sys.version.split()[0], "NumPy", numpy.__version__)')"
else
  echo "[python] could not install python3-numpy with apt-get; set PYTHON to a python3 that has NumPy" >&2
  exit 1
fi
