#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` on this build tree (into a temp folder) makes
# cloudexpo_<version>_<arch>.deb; dpkg-deb --contents lists the expected files (and nothing outside
# /usr); its Depends were computed by dpkg-shlibdeps (the libraries the binaries link); lintian
# reports no error. Without lintian the last check is skipped, and this says so.
# Usage: package_check.sh CPACK BUILD_DIR VERSION
set -euo pipefail
CPACK=$1 BUILD=$(realpath "$2") VERSION=$3
TMP=$(mktemp -d /tmp/cx-package-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$CPACK" --config "$BUILD/CPackConfig.cmake" -G DEB -B "$TMP" >"$TMP/cpack.log" 2>&1 || { cat "$TMP/cpack.log"; fail "cpack -G DEB"; }
deb="$TMP/cloudexpo_${VERSION}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls -la "$TMP"; fail "no $(basename "$deb")"; }
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb --contents "$deb" | awk '{print $6}' >"$TMP/contents"
for f in ./usr/bin/cloudexpo ./usr/bin/expo-tool \
         ./usr/lib/cloudexpo/xr-sim/libcx_xrsim_runtime.so ./usr/lib/cloudexpo/xr-sim/cloudexpo_xrsim.json \
         ./usr/share/cloudexpo/sample-expo/expo.json ./usr/share/cloudexpo/sample-expo/models/studio.glb \
         ./usr/share/cloudexpo/shaders/pbr.frag.spv ./usr/share/cloudexpo/schema/expo.schema.json \
         ./usr/share/applications/org.cloudexpo.Viewer.desktop ./usr/share/metainfo/org.cloudexpo.Viewer.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.cloudexpo.Viewer.svg \
         ./usr/share/icons/hicolor/128x128/apps/org.cloudexpo.Viewer.png \
         ./usr/share/man/man1/cloudexpo.1.gz ./usr/share/man/man1/expo-tool.1.gz \
         ./usr/share/doc/cloudexpo/copyright ./usr/share/doc/cloudexpo/changelog.gz; do
  grep -qxF "$f" "$TMP/contents" || fail "$f is not in the package"
done
outside=$(grep -v '^\./usr/' "$TMP/contents" | grep -vx '\./' || true)
[ -z "$outside" ] || fail "files outside /usr: $outside"
echo "contents: $(wc -l <"$TMP/contents") entries, all expected files present"

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libvulkan1 libopenxr-loader1 libglfw3 libcurl4 libfreetype6 libc6; do
  echo "$depends" | grep -q "\b$lib\b" || fail "Depends lacks $lib: shlibdeps did not run or missed a library"
done

# The packaged (stripped) programs run from the unpacked tree, finding their data beside them.
dpkg-deb -x "$deb" "$TMP/unpacked"
for prog in cloudexpo expo-tool; do
  "$TMP/unpacked/usr/bin/$prog" --version | head -1 | grep -q "^$prog $VERSION" || fail "the packaged $prog --version"
done
"$TMP/unpacked/usr/bin/expo-tool" check "$TMP/unpacked/usr/share/cloudexpo/sample-expo" >"$TMP/check.log" 2>&1 ||
  { cat "$TMP/check.log"; fail "the packaged expo-tool check of the packaged sample"; }

if command -v lintian >/dev/null; then
  # --fail-on error: warnings are printed (docs/packaging.md explains any that is kept).
  lintian --fail-on error "$deb" 2>&1 | tee "$TMP/lintian.log" ||
    fail "lintian reports errors"
  echo "lintian: no errors ($(grep -c '^W:' "$TMP/lintian.log" || true) warnings)"
else
  echo "SKIP: lintian is not installed, so the package was not checked with it (apt-get install lintian)"
fi
echo PASS
