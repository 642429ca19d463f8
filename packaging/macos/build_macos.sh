#!/usr/bin/env bash
# Build Lumetra Desk for macOS: dist/Lumetra Desk.app and dist/lumetra-desk-VERSION-macos-ARCH.dmg.
#
# Needs: macOS 12+, Python 3.11 (python.org installer or Homebrew) and the Xcode command line tools
# (iconutil, hdiutil, codesign). Run from anywhere: packaging/macos/build_macos.sh
#
# The app is built for the machine's architecture (arm64 or x86_64). Set CODESIGN_IDENTITY to sign it with
# a Developer ID (then notarise the .dmg with `xcrun notarytool submit --wait` and staple it); without it,
# the app is signed ad hoc and Gatekeeper asks the officer to confirm the first start (right-click > Open).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${LUMETRA_DESK_VENV:-$ROOT/.venv}"
APP_ID="io.lumetra.Desk"
cd "$ROOT"

if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3.11}" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[dev]"
version="$("$VENV/bin/python" -c 'import lumetra_desk; print(lumetra_desk.__version__)')"

# The .icns from the committed PNGs (the spec picks it up from build/).
iconset="$ROOT/build/$APP_ID.iconset"
rm -rf "$iconset" && mkdir -p "$iconset"
for size in 16 32 128 256 512; do
  cp "resources/icons/png/$APP_ID-$size.png" "$iconset/icon_${size}x${size}.png"
done
for size in 16 32 128 256; do
  cp "resources/icons/png/$APP_ID-$((size * 2)).png" "$iconset/icon_${size}x${size}@2x.png"
done
iconutil -c icns -o "$ROOT/build/$APP_ID.icns" "$iconset"

"$VENV/bin/pyinstaller" --noconfirm --distpath dist --workpath build/pyinstaller packaging/lumetra-desk.spec
app="dist/Lumetra Desk.app"
codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" --options runtime "$app"
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/lumetra-desk" --self-test

dmg="dist/lumetra-desk-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname "Lumetra Desk" -srcfolder "$app" -ov -format UDZO "$dmg"
echo "Built $app and $dmg"
