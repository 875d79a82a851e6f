#!/usr/bin/env bash
# Makes sure a Chromium for the Playwright tests exists: $CHROMIUM_PATH, else /usr/bin/chromium,
# installing Debian's package when it is missing (Playwright's own browser download is not used).
set -u
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
echo "[chromium] $CHROMIUM missing: installing Debian's chromium (about 35 s)"
if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >/dev/null; then
  echo "[chromium] installed $("$CHROMIUM" --version 2>/dev/null | tail -n 1)"
else
  echo "[chromium] could not install chromium with apt-get; set CHROMIUM_PATH to a Chromium binary" >&2
  exit 1
fi
