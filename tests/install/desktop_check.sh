#!/usr/bin/env bash
# Desktop integration, as installed: the desktop entry passes desktop-file-validate, the AppStream
# metainfo passes appstreamcli validate, the man pages are there and name their program, and the
# installed desktop entry registers the cloudexpo: link handler (x-scheme-handler/cloudexpo), as
# update-desktop-database and xdg-mime see it. A missing tool skips its check, saying so.
# Usage: desktop_check.sh CMAKE BUILD_DIR
set -euo pipefail
CMAKE=$1 BUILD=$(realpath "$2")
TMP=$(mktemp -d /tmp/cx-desktop-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; }

DESTDIR="$TMP/root" "$CMAKE" --install "$BUILD" --prefix /usr >"$TMP/install.log" 2>&1 ||
  { cat "$TMP/install.log"; fail "cmake --install"; }
S="$TMP/root/usr/share"
desktop="$S/applications/org.cloudexpo.Viewer.desktop"
metainfo="$S/metainfo/org.cloudexpo.Viewer.metainfo.xml"
for f in "$desktop" "$metainfo" "$S/icons/hicolor/scalable/apps/org.cloudexpo.Viewer.svg" \
         "$S/icons/hicolor/128x128/apps/org.cloudexpo.Viewer.png"; do
  [ -s "$f" ] || fail "$f is not installed"
done
grep -qx 'MimeType=x-scheme-handler/cloudexpo;' "$desktop" || fail "the desktop entry does not claim x-scheme-handler/cloudexpo"
grep -qx 'Exec=cloudexpo %u' "$desktop" || fail "the desktop entry does not pass the link as one argument (%u)"

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate"
  echo "desktop-file-validate: ok"
else skip "desktop-file-validate is not installed (desktop-file-utils)"; fi

if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --explain "$metainfo" || fail "appstreamcli validate"
else skip "appstreamcli is not installed (appstream)"; fi

for prog in cloudexpo expo-tool; do
  page="$S/man/man1/$prog.1.gz"
  if [ ! -f "$page" ]; then
    if command -v help2man >/dev/null; then fail "$page is not installed"; fi
    skip "help2man is not installed, so there is no man page for $prog"; continue
  fi
  zcat "$page" | grep -q '^\.SH NAME' || fail "$page has no NAME section"
  zcat "$page" | grep -q "^$prog \\\\- " || fail "$page does not name $prog"
  zcat "$page" | grep -qF -- '\-\-version' || fail "$page does not list --version"
done
echo "man pages: ok"

if command -v update-desktop-database >/dev/null && command -v xdg-mime >/dev/null; then
  update-desktop-database "$S/applications"
  grep -qx 'x-scheme-handler/cloudexpo=org.cloudexpo.Viewer.desktop;' "$S/applications/mimeinfo.cache" ||
    fail "update-desktop-database did not register the handler: $(cat "$S/applications/mimeinfo.cache")"
  handler=$(env -u XDG_CURRENT_DESKTOP -u DESKTOP_SESSION HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" \
            XDG_DATA_HOME="$TMP/data" XDG_DATA_DIRS="$S" xdg-mime query default x-scheme-handler/cloudexpo)
  [ "$handler" = org.cloudexpo.Viewer.desktop ] || fail "xdg-mime finds \"$handler\" for x-scheme-handler/cloudexpo"
  echo "x-scheme-handler/cloudexpo: $handler"
else skip "update-desktop-database or xdg-mime is not installed (desktop-file-utils, xdg-utils)"; fi
echo PASS
