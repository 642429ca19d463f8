#!/usr/bin/env bash
# Build the Linux app: dist/lumetra-desk/ (one folder, run dist/lumetra-desk/lumetra-desk) and, unless
# --no-tarball, dist/lumetra-desk-VERSION-linux-ARCH.tar.gz with the desktop entry, icons and install.sh.
#
#   packaging/build_linux.sh [--force] [--no-tarball]
#
# Each new build runs its own self-test (offscreen, temporary encrypted store, one letter) before it is
# packed. Nothing is rebuilt when dist/ already holds a build of exactly these inputs (a digest of the
# package, resources, forms, packaging files, pinned dependencies and PyInstaller version is kept beside it,
# so a checkout with new timestamps but the same content is still up to date); --force builds anyway.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${LUMETRA_DESK_VENV:-$ROOT/.venv}"
DIST="$ROOT/dist"
APP_DIR="$DIST/lumetra-desk"
STAMP="$DIST/.lumetra-desk.inputs"
force=0 tarball=1
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --no-tarball) tarball=0 ;;
    *) echo "usage: $0 [--force] [--no-tarball]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"

inputs_digest() {
  {
    find lumetra_desk resources ui packaging -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
      | sort -z | xargs -0 sha256sum
    sha256sum pyproject.toml constraints.txt
    "$VENV/bin/python" -c 'import sys, PyInstaller; print(sys.version, PyInstaller.__version__)'
  } | sha256sum | cut -d' ' -f1
}

version="$("$VENV/bin/python" -c 'import lumetra_desk; print(lumetra_desk.__version__)')"
tarball_name="lumetra-desk-$version-linux-$(uname -m)"
TARBALL="$DIST/$tarball_name.tar.gz"
digest="$(inputs_digest)"
if [ "$force" -eq 0 ] && [ -x "$APP_DIR/lumetra-desk" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$digest" ] \
  && { [ "$tarball" -eq 0 ] || [ -f "$TARBALL" ]; }; then
  echo "dist/ is up to date (version $version); use --force to rebuild."
  exit 0
fi

rm -f "$STAMP" "$DIST"/lumetra-desk-*-linux-*.tar.gz
started=$SECONDS
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" \
  packaging/lumetra-desk.spec
echo "Built dist/lumetra-desk (version $version) in $((SECONDS - started)) s."
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$APP_DIR/lumetra-desk" --self-test

if [ "$tarball" -eq 1 ]; then
  staging="$ROOT/build/$tarball_name"
  rm -rf "$staging" && mkdir -p "$staging/share"
  cp -a "$APP_DIR" "$staging/lumetra-desk"
  cp packaging/linux/io.lumetra.Desk.desktop packaging/linux/io.lumetra.Desk.metainfo.xml "$staging/share/"
  cp resources/icons/io.lumetra.Desk.svg "$staging/share/"
  cp -a resources/icons/png "$staging/share/icons"
  install -m 755 packaging/linux/install.sh "$staging/install.sh"
  tar -C "$ROOT/build" -czf "$TARBALL" "$tarball_name"
  rm -rf "$staging"
  echo "Wrote dist/$tarball_name.tar.gz"
fi
echo "$digest" > "$STAMP"
