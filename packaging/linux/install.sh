#!/usr/bin/env bash
# Install Lumetra Desk from the unpacked Linux tarball, for this user (default) or system-wide:
#
#   ./install.sh                    # into ~/.local (no root needed)
#   sudo PREFIX=/usr/local ./install.sh
#   ./install.sh --uninstall        # remove it again (the officer's data folder is never touched)
#
# The app goes to PREFIX/lib/lumetra-desk, a link to PREFIX/bin/lumetra-desk, the desktop entry, icons and
# AppStream metainfo to PREFIX/share, so the app appears in the desktop's application menu.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
APP_ID="io.lumetra.Desk"
APP_DIR="$PREFIX/lib/lumetra-desk"
SHARE="$PREFIX/share"

refresh_caches() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APP_DIR"
  rm -f "$PREFIX/bin/lumetra-desk" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  rm -f "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg" "$SHARE"/icons/hicolor/*x*/apps/"$APP_ID.png"
  refresh_caches
  echo "Removed Lumetra Desk from $PREFIX (your cases, settings and logs are kept)."
  exit 0
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
rm -rf "$APP_DIR.new"
cp -a "$HERE/lumetra-desk" "$APP_DIR.new"
rm -rf "$APP_DIR" && mv "$APP_DIR.new" "$APP_DIR"
ln -sfn "$APP_DIR/lumetra-desk" "$PREFIX/bin/lumetra-desk"
# The menu entry starts the installed binary by its full path, whether or not PREFIX/bin is on PATH.
sed "s|^Exec=lumetra-desk|Exec=$APP_DIR/lumetra-desk|" "$HERE/share/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
install -m 644 "$HERE/share/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
install -m 644 "$HERE/share/$APP_ID.svg" "$SHARE/icons/hicolor/scalable/apps/"
for png in "$HERE"/share/icons/"$APP_ID"-*.png; do
  size="${png##*-}" && size="${size%.png}"
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh_caches
echo "Installed Lumetra Desk in $APP_DIR; start it from the application menu or with $PREFIX/bin/lumetra-desk."
