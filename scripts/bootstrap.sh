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

# The installed packages and every name they provide: on Ubuntu 24.04 libglib2.0-0 is provided by
# libglib2.0-0t64, and apt-get accepts the old name, so it must count as installed here too.
installed_names() {
  dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null | awk -F'|' '$1 ~ /^ii/ {
    print $2; n = split($3, provided, ", ")
    for (i = 1; i <= n; i++) { sub(/ .*/, "", provided[i]); if (provided[i] != "") print provided[i] } }'
}

missing_packages() {
  local installed pkg
  installed="$(installed_names)"
  for pkg in "$@"; do
    grep -qxF -- "$pkg" <<<"$installed" || echo "$pkg"
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

# A venv with a working pip. One left without pip (python3-venv was missing when it was made) is made again.
ensure_venv() {
  local python="${PYTHON:-python3}"
  [ -x "$VENV/bin/python" ] && [ -f "$VENV/.lumetra-installed" ] && return 0  # set up before: nothing to check
  if ! command -v "$python" >/dev/null; then
    echo "Python 3.11 or newer is needed, and there is no $python: sudo apt-get install python3 python3-venv" >&2
    exit 1
  fi
  python_ok "$python" || { echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1))." >&2; exit 1; }
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    return 0
  fi
  echo "Creating the virtual environment in $VENV"
  if ! "$python" -m venv --clear "$VENV"; then
    echo "The virtual environment could not be created: install python3-venv (sudo apt-get install python3-venv)." >&2
    exit 1
  fi
}

setup_venv() {
  ensure_venv
  local stamp="$VENV/.lumetra-installed"
  local wanted
  wanted="$(cat "$ROOT/constraints.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing pinned Python dependencies"
    "$VENV/bin/python" -m pip install -q -c "$ROOT/constraints.txt" --upgrade pip
    "$VENV/bin/python" -m pip install -q -c "$ROOT/constraints.txt" -e "$ROOT[dev]"
    echo "$wanted" > "$stamp"
  fi
}
