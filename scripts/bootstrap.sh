#!/usr/bin/env bash
# Set everything up for Lumetra Desk: system packages (when root), a venv with the pinned dependencies.
# Sourced by scripts/start and scripts/test; safe to run again (it only does what is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${LUMETRA_DESK_VENV:-$ROOT/.venv}"

# Runtime: Qt's libraries and a font (without fonts-dejavu-core every label renders as boxes, silently).
APP_PACKAGES=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  fonts-dejavu-core python3-venv)
# Tests: a real keyring (Secret Service), IMAP server, PDF rendering, a virtual screen, packaging validators.
TEST_PACKAGES=(dbus gnome-keyring libsecret-tools dovecot-imapd openssl poppler-utils xvfb xauth
  imagemagick x11-apps xdotool desktop-file-utils appstream binutils)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_system_packages() {
  local -a wanted=("$@") missing
  command -v dpkg-query >/dev/null || { echo "Not a Debian/Ubuntu system: install the equivalents of: ${wanted[*]}"; return 0; }
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These system packages are missing; install them as root, then run this again:" >&2
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
}

python_ok() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}

setup_venv() {
  local python="${PYTHON:-python3}"
  python_ok "$python" || { echo "Python 3.11 or newer is needed (found: $($python --version 2>&1))." >&2; exit 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtual environment in $VENV"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.lumetra-installed"
  local wanted
  wanted="$(cat "$ROOT/constraints.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing pinned Python dependencies"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -c "$ROOT/constraints.txt" -e "$ROOT[dev]"
    echo "$wanted" > "$stamp"
  fi
}
