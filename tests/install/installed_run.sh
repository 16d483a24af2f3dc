#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary DESTDIR, then, with the build tree and the sources
# hidden (an empty tmpfs mounted over each, in a private mount namespace, so nothing can fall back to
# them), the installed programs run from another working folder:
#   cloudexpo --offscreen --frames 3, expo-tool render (the bundled sample), a relative expo path,
#   and cloudexpo --xr-sim (in xvfb) with a short script on the installed simulated runtime.
# Usage: installed_run.sh CMAKE BUILD_DIR SOURCE_DIR
set -euo pipefail
CMAKE=$1 BUILD=$(realpath "$2") SRC=$(realpath "$3")
TMP=$(mktemp -d /tmp/cx-install-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

DESTDIR="$TMP/root" "$CMAKE" --install "$BUILD" --prefix /usr >"$TMP/install.log" 2>&1 ||
  { cat "$TMP/install.log"; fail "cmake --install"; }
R="$TMP/root/usr"
for f in bin/cloudexpo bin/expo-tool share/cloudexpo/sample-expo/expo.json share/cloudexpo/schema/expo.schema.json \
         share/cloudexpo/shaders/pbr.frag.spv share/cloudexpo/shaders/mesh.vert.spv; do
  [ -f "$R/$f" ] || fail "$f is not installed"
done
pkglib=$(dirname "$(find "$R/lib" -name cloudexpo_xrsim.json | head -1)")
[ -f "$pkglib/libcx_xrsim_runtime.so" ] || fail "the simulated runtime is not installed"
grep -q '"library_path": "./libcx_xrsim_runtime.so"' "$pkglib/cloudexpo_xrsim.json" ||
  fail "the installed runtime manifest's library_path is not relative: $(cat "$pkglib/cloudexpo_xrsim.json")"

if ! unshare -rm true 2>/dev/null; then
  echo "SKIP: unshare -rm (a private mount namespace) is not available here, so the build tree cannot be hidden"
  exit 0
fi

mkdir -p "$TMP/elsewhere" "$TMP/xdg" "$TMP/cache" && chmod 700 "$TMP/xdg"
cat >"$TMP/inner.sh" <<INNER
set -euo pipefail
fail() { echo "FAIL: \$*"; exit 1; }
mount -t tmpfs none "$BUILD"
mount -t tmpfs none "$SRC"
[ ! -e "$BUILD/CMakeCache.txt" ] || fail "the build tree is still visible"
export XDG_RUNTIME_DIR="$TMP/xdg" XDG_CACHE_HOME="$TMP/cache"
unset XR_RUNTIME_JSON CLOUDEXPO_DATA_DIR CLOUDEXPO_LIB_DIR
cd "$TMP/elsewhere"
run() { local name=\$1; shift; if ! "\$@" >"\$name.log" 2>&1; then cat "\$name.log"; fail "\$name: \$*"; fi
        if grep -q "VUID-\|VALID_ERROR" "\$name.log"; then cat "\$name.log"; fail "\$name: validation messages"; fi; }

run offscreen "$R/bin/cloudexpo" --offscreen --frames 3 --validation --size 320x180
run render "$R/bin/expo-tool" render --out sample.png --size 160x90 --validation
[ -s sample.png ] || fail "expo-tool render wrote no sample.png in the working folder"

# A relative expo path resolves against the working folder, data against the install.
mkdir -p expos && cp -r "$R/share/cloudexpo/sample-expo" expos/mine
run relative-view "$R/bin/cloudexpo" expos/mine --offscreen --frames 1 --size 160x90 --script view.txt
run relative-render "$R/bin/expo-tool" render expos/mine/expo.json --out mine.png --size 160x90
[ -s mine.png ] || fail "expo-tool render of a relative expo path wrote nothing"

# --xr-sim: the installed runtime, found next to the installed viewer.
printf 'at 0 head 0 1.6 0 0 0\n' >runtime.txt
run xr-sim env CX_XRSIM_SCRIPT=runtime.txt CX_XRSIM_FPS=0 XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation \
    xvfb-run -a -s '-screen 0 1024x768x24' "$R/bin/cloudexpo" --xr-sim --validation --script xr.txt
grep -q '"framesSubmitted": [1-9]' runtime.txt.summary.json || { cat runtime.txt.summary.json xr-sim.log; fail "xr-sim submitted no frames"; }
grep -q '"finalState": "EXITING"' runtime.txt.summary.json || { cat runtime.txt.summary.json; fail "xr-sim session did not end"; }
echo "installed programs ran with the build tree hidden"
INNER
printf 'state %s/elsewhere/state.json\nquit\n' "$TMP" >"$TMP/elsewhere/view.txt"
printf 'wait 10\nquit\n' >"$TMP/elsewhere/xr.txt"
unshare -rm bash "$TMP/inner.sh"
grep -q '"selected"\|"camera"' "$TMP/elsewhere/state.json" || fail "the relative expo did not load: $(cat "$TMP/elsewhere/state.json" 2>&1)"
echo "PASS"
