#!/usr/bin/env bash
# Makes sure Debian's python3 + python3-numpy run on OpenBLAS (libopenblas0-pthread), the fair NumPy
# peer for the training-speed benchmark: without it Debian's NumPy uses the reference BLAS (about 10x
# slower). Idempotent: installs only what is missing, then prints the BLAS library NumPy loaded.
set -u
PY=/usr/bin/python3
# Prints the shared library that provides BLAS in the running NumPy (read from /proc/self/maps).
blas_lib() {
  OPENBLAS_NUM_THREADS=1 "$PY" - <<'PYEOF' 2>/dev/null
import numpy as np
a = np.ones((64, 64), dtype=np.float32); a @ a
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and '.so' in l})
libs = [l for l in libs if 'libopenblas' in l] or libs
print(' '.join(libs) if libs else 'none')
PYEOF
}
LIB="$(blas_lib || true)"
if ! "$PY" -c 'import numpy' >/dev/null 2>&1 || [[ "$LIB" != *openblas* ]]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "[numpy] NumPy on OpenBLAS missing (BLAS: ${LIB:-none}): installing python3-numpy libopenblas0-pthread" >&2
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 python3-numpy libopenblas0-pthread >/dev/null; }; then
    echo "[numpy] could not install python3-numpy libopenblas0-pthread with apt-get" >&2
    exit 1
  fi
  LIB="$(blas_lib || true)"
fi
if [[ "$LIB" != *openblas* ]]; then
  echo "[numpy] NumPy does not load OpenBLAS (BLAS: ${LIB:-none}); check update-alternatives for libblas.so.3" >&2
  exit 1
fi
echo "NumPy $("$PY" -c 'import numpy; print(numpy.__version__)') on $LIB"
