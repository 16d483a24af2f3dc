#!/usr/bin/env bash
# Installs everything CloudExpo needs to build and test, from Debian bookworm packages and npm.
# Safe to run twice: it only calls apt when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libvulkan-dev vulkan-validationlayers glslc mesa-vulkan-drivers vulkan-tools
  libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev nlohmann-json3-dev libstb-dev
  libopenxr-dev openxr-layer-corevalidation
  libgtest-dev libgmock-dev libbenchmark-dev
  libmeshoptimizer-dev libfontconfig-dev libfreetype-dev fonts-noto-cjk fonts-dejavu-core
  libcurl4-openssl-dev libcli11-dev libspdlog-dev libfmt-dev
  xvfb xauth nodejs npm python3
  # hardened image decoders, real-world glTF (Draco, WebP)
  libpng-dev libjpeg62-turbo-dev libwebp-dev libdraco-dev draco
  # fuzzing (libFuzzer comes with clang's runtime)
  clang libclang-rt-14-dev
  # livestreams: decode, spatial audio, and the ffmpeg command for test clips
  ffmpeg libavformat-dev libavcodec-dev libswresample-dev libswscale-dev libopenal-dev
  # presence, chat and events: the broker and its C client
  nats-server libnats-dev
  # analytics stores
  postgresql libpq-dev libpqxx-dev libsqlite3-dev sqlite3
  # light baking
  libembree-dev
  # packaging and desktop integration
  help2man lintian appstream desktop-file-utils xdg-utils
  # reports are checked in a real browser (headless)
  chromium
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node/npm may come from elsewhere (e.g. a preinstalled Node.js); only ask apt when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

# npm tools, pinned by package-lock.json: the Khronos glTF validator (gltf-validator) and
# @gltf-transform/cli, which tests use to make exhibitor-style fixtures (Draco, WebP, meshopt, KTX2).
if [ -f tools/gltf-validate/package.json ]; then
  if [ ! -d tools/gltf-validate/node_modules/gltf-validator ] ||
     [ ! -x tools/gltf-validate/node_modules/.bin/gltf-transform ]; then
    if [ -f tools/gltf-validate/package-lock.json ]; then
      npm ci --prefix tools/gltf-validate --no-audit --no-fund --loglevel=error
    else
      npm install --prefix tools/gltf-validate --no-audit --no-fund --loglevel=error
    fi
  else
    echo "install-deps: npm tools present"
  fi
fi
